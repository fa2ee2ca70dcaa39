import { z } from 'zod'
import { zPage, ZId, ZDay } from './common'
import { ZMe, ZTownship, ZVillage } from './village'
import { ZInvite, ZInviteCancel, ZInviteCreate, ZInviteCreated, ZInviteList, ZInviteRedeem, ZRoleHolder, ZRoleList, ZRoleRevoke } from './invite'
import { ZTownshipCreate, ZTownshipList, ZVillageUpdate } from './township'
import { ZNotice, ZNoticeDraft, ZNoticeListDrafts, ZNoticeRectify, ZNoticeReview } from './notice'
import { ZBoard, ZBoardDate, ZBoardGet, ZBoardListDates } from './board'
import { ZObjection, ZObjectionCreate, ZObjectionDecide, ZObjectionList } from './objection'
import { ZInboxItem, ZInboxList, ZInboxMarkRead, ZInboxUnreadCount, ZSubscriptionRecord, ZSubscriptionState } from './inbox'
import { ZCatalogue, ZCatalogueCopyYear, ZCatalogueGet, ZCatalogueUpdate, ZTarget, ZTargetList, ZTargetSet } from './catalogue'
import { ZCompliance, ZComplianceGet, ZExportLedger, ZExportResult, ZLedgerCreate, ZLedgerEntry, ZLedgerGet, ZLedgerList, ZLedgerReview, ZLedgerUpdate } from './ledger'
import {
  ZChecklistClose, ZChecklistCreate, ZChecklistImport, ZChecklistImportResult, ZChecklistItem, ZChecklistList, ZChecklistReview,
  ZChecklistRow, ZChecklistUpdate, ZExportChecklist,
} from './checklist'
import {
  ZApplication, ZApplicationCreate, ZApplicationDecide, ZApplicationGet, ZApplicationList, ZApplicationReview, ZApplicationRevoke,
  ZApplicationSubmit, ZApplicationUpdate, ZRatingGet,
} from './application'
import { ZDashboard, ZDashboardGet, ZExportDashboard, ZRating } from './dashboard'
import { ZAuditList, ZAuditStep } from './audit'
import { ZExportTour, ZTour, ZTourClose, ZTourCreate, ZTourGet, ZTourList, ZTourListItem, ZTourScore, ZTourSheet, ZTourToChecklist, ZTourView } from './tour'
import { ZAward, ZAwardConfirm, ZAwardList, ZAwardNominate } from './award'
import { ZExportWeekly, ZReportClose, ZReportWeekly, ZWeeklyReport } from './weekly'
import { ZContact, ZContactAttendance, ZContactList, ZContactSet, ZLeaderAttendance } from './contact'

/**
 * The contract: every action the `api` cloud function answers, with the zod schema of its input
 * and of its output. Client and server both read this table; action names read `<area>.<verb>`.
 */
export const actions = {
  'village.list': {
    input: z.object({ cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(50).default(50), townshipId: ZId.optional() }),
    output: zPage(ZVillage),
  },
  'village.update': { input: ZVillageUpdate, output: ZVillage },
  'township.list': { input: ZTownshipList, output: z.object({ items: z.array(ZTownship) }) },
  'township.create': { input: ZTownshipCreate, output: ZTownship },
  'invite.create': { input: ZInviteCreate, output: ZInviteCreated },
  'invite.redeem': { input: ZInviteRedeem, output: ZMe },
  'invite.cancel': { input: ZInviteCancel, output: ZInvite },
  'invite.list': { input: ZInviteList, output: zPage(ZInvite) },
  'role.list': { input: ZRoleList, output: zPage(ZRoleHolder) },
  'role.revoke': { input: ZRoleRevoke, output: ZRoleHolder },
  'me.get': { input: z.object({}), output: ZMe },
  'me.bindVillage': { input: z.object({ villageId: ZId }), output: ZMe },
  'notice.draft': { input: ZNoticeDraft, output: ZNotice },
  'notice.listDrafts': { input: ZNoticeListDrafts, output: zPage(ZNotice) },
  'notice.review': { input: ZNoticeReview, output: ZNotice },
  'notice.markRectified': { input: ZNoticeRectify, output: ZNotice },
  'board.get': { input: ZBoardGet, output: ZBoard.nullable() },
  'board.listDates': { input: ZBoardListDates, output: zPage(ZBoardDate) },
  'objection.create': { input: ZObjectionCreate, output: ZObjection },
  'objection.listOpen': { input: ZObjectionList, output: zPage(ZObjection.extend({ notice: ZNotice })) },
  'objection.decide': { input: ZObjectionDecide, output: ZObjection },
  'inbox.list': { input: ZInboxList, output: zPage(ZInboxItem) },
  'inbox.markRead': { input: ZInboxMarkRead, output: z.object({ updated: z.number().int() }) },
  'inbox.unreadCount': { input: ZInboxUnreadCount, output: z.object({ count: z.number().int() }) },
  'subscription.record': { input: ZSubscriptionRecord, output: ZSubscriptionState },
  'catalogue.get': { input: ZCatalogueGet, output: ZCatalogue.nullable() },
  'catalogue.update': { input: ZCatalogueUpdate, output: ZCatalogue },
  'catalogue.copyYear': { input: ZCatalogueCopyYear, output: ZCatalogue },
  'target.set': { input: ZTargetSet, output: ZTarget },
  'target.list': { input: ZTargetList, output: z.object({ items: z.array(ZTarget) }) },
  'ledger.create': { input: ZLedgerCreate, output: ZLedgerEntry },
  'ledger.update': { input: ZLedgerUpdate, output: ZLedgerEntry },
  'ledger.review': { input: ZLedgerReview, output: ZLedgerEntry },
  'ledger.get': { input: ZLedgerGet, output: ZLedgerEntry },
  'ledger.list': { input: ZLedgerList, output: zPage(ZLedgerEntry) },
  'compliance.get': { input: ZComplianceGet, output: ZCompliance },
  'checklist.create': { input: ZChecklistCreate, output: ZChecklistItem },
  'checklist.import': { input: ZChecklistImport, output: ZChecklistImportResult },
  'checklist.update': { input: ZChecklistUpdate, output: ZChecklistItem },
  'checklist.close': { input: ZChecklistClose, output: ZChecklistItem },
  'checklist.review': { input: ZChecklistReview, output: ZChecklistItem },
  'checklist.list': { input: ZChecklistList, output: zPage(ZChecklistRow) },
  'export.ledger': { input: ZExportLedger, output: ZExportResult },
  'export.checklist': { input: ZExportChecklist, output: ZExportResult },
  'application.create': { input: ZApplicationCreate, output: ZApplication },
  'application.update': { input: ZApplicationUpdate, output: ZApplication },
  'application.submit': { input: ZApplicationSubmit, output: ZApplication },
  'application.review': { input: ZApplicationReview, output: ZApplication },
  'application.decide': { input: ZApplicationDecide, output: ZApplication },
  'application.revoke': { input: ZApplicationRevoke, output: ZApplication },
  'application.get': { input: ZApplicationGet, output: ZApplication },
  'application.list': { input: ZApplicationList, output: zPage(ZApplication) },
  'rating.get': { input: ZRatingGet, output: ZRating },
  'dashboard.get': { input: ZDashboardGet, output: ZDashboard },
  'export.dashboard': { input: ZExportDashboard, output: ZExportResult },
  'audit.list': { input: ZAuditList, output: zPage(ZAuditStep) },
  // 季度观摩 (issue 14 §1)
  'tour.create': { input: ZTourCreate, output: ZTour },
  'tour.score': { input: ZTourScore, output: ZTourSheet },
  'tour.close': { input: ZTourClose, output: ZTour },
  'tour.get': { input: ZTourGet, output: ZTourView },
  'tour.list': { input: ZTourList, output: zPage(ZTourListItem) },
  'tour.toChecklist': { input: ZTourToChecklist, output: ZChecklistItem },
  'export.tour': { input: ZExportTour, output: ZExportResult },
  // 每周评选 / 五好家庭 (issue 14 §4)
  'award.nominate': { input: ZAwardNominate, output: ZAward },
  'award.confirm': { input: ZAwardConfirm, output: ZAward },
  'award.list': { input: ZAwardList, output: zPage(ZAward) },
  // 每周专题会 (issue 14 §2) and 联系村 (§3).
  'report.weekly': { input: ZReportWeekly, output: ZWeeklyReport },
  'report.close': { input: ZReportClose, output: ZWeeklyReport },
  'export.weekly': { input: ZExportWeekly, output: ZExportResult },
  'contact.set': { input: ZContactSet, output: ZContact },
  'contact.list': { input: ZContactList, output: z.object({ items: z.array(ZContact) }) },
  'contact.attendance': { input: ZContactAttendance, output: z.object({ items: z.array(ZLeaderAttendance) }) },
} as const

export type ActionName = keyof typeof actions
export const ACTION_NAMES = Object.keys(actions) as ActionName[]
/** What a caller sends for an action (before defaults are applied). */
export type ActionInput<A extends ActionName> = z.input<(typeof actions)[A]['input']>
/** What a handler receives after validation. */
export type ActionParsedInput<A extends ActionName> = z.output<(typeof actions)[A]['input']>
export type ActionOutput<A extends ActionName> = z.output<(typeof actions)[A]['output']>

/** The request body of the `api` function. */
export const ZApiRequest = z.object({ action: z.string().max(64), data: z.unknown().optional() })

/** The request body of the `publishDaily` function when run by hand (the timer sends none). */
export const ZPublishRequest = z.object({ date: ZDay.optional() })
