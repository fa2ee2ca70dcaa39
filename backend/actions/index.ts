import type { HandlerTable } from '../action'
import { listVillages, updateVillage } from './village'
import { createTownship, listTownships } from './township'
import { cancelInvite, createInvite, listInvites, redeemInvite } from './invite'
import { listRoles, revokeRole } from './role'
import { bindVillage, getMe } from './me'
import { draftNotice, listDrafts, markRectified, reviewNotice } from './notice'
import { getBoard, listBoardDates } from './board'
import { createObjection, decideObjection, listOpenObjections } from './objection'
import { inboxUnreadCount, listInbox, markInboxRead, recordSubscription } from './inbox'
import { copyCatalogueYear, getCatalogue, listTargets, setTarget, updateCatalogue } from './catalogue'
import { createLedgerEntry, getCompliance, getLedger, listLedger, reviewLedgerEntry, updateLedgerEntry } from './ledger'
import { closeChecklistItem, createChecklistItem, importChecklist, listChecklist, reviewChecklistItem, updateChecklistItem } from './checklist'
import { exportChecklist, exportLedger } from './export'
import {
  createApplication, decideApplication, getApplicationAction, listApplications, reviewApplication, revokeApplication, submitApplication,
  updateApplication,
} from './application'
import { getDashboard, getRating, listAudit } from './dashboard'
import { exportDashboard } from './export-dashboard'
import { closeTourAction, createTour, exportTour, getTourAction, listTours, scoreTour, tourToChecklist } from './tour'
import { confirmAward, listAwards, nominateAward } from './award'
import { closeWeeklyReport, exportWeeklyReport, getWeeklyReport } from './weekly'
import { contactAttendance, listContacts, setContact } from './contact'

/** Every action's handler, keyed by the contract's action names: a missing one does not compile. */
export const handlers = {
  'village.list': listVillages,
  'village.update': updateVillage,
  'township.list': listTownships,
  'township.create': createTownship,
  'invite.create': createInvite,
  'invite.redeem': redeemInvite,
  'invite.cancel': cancelInvite,
  'invite.list': listInvites,
  'role.list': listRoles,
  'role.revoke': revokeRole,
  'me.get': getMe,
  'me.bindVillage': bindVillage,
  'notice.draft': draftNotice,
  'notice.listDrafts': listDrafts,
  'notice.review': reviewNotice,
  'notice.markRectified': markRectified,
  'board.get': getBoard,
  'board.listDates': listBoardDates,
  'objection.create': createObjection,
  'objection.listOpen': listOpenObjections,
  'objection.decide': decideObjection,
  'inbox.list': listInbox,
  'inbox.markRead': markInboxRead,
  'inbox.unreadCount': inboxUnreadCount,
  'subscription.record': recordSubscription,
  'catalogue.get': getCatalogue,
  'catalogue.update': updateCatalogue,
  'catalogue.copyYear': copyCatalogueYear,
  'target.set': setTarget,
  'target.list': listTargets,
  'ledger.create': createLedgerEntry,
  'ledger.update': updateLedgerEntry,
  'ledger.review': reviewLedgerEntry,
  'ledger.get': getLedger,
  'ledger.list': listLedger,
  'compliance.get': getCompliance,
  'checklist.create': createChecklistItem,
  'checklist.import': importChecklist,
  'checklist.update': updateChecklistItem,
  'checklist.close': closeChecklistItem,
  'checklist.review': reviewChecklistItem,
  'checklist.list': listChecklist,
  'export.ledger': exportLedger,
  'export.checklist': exportChecklist,
  'application.create': createApplication,
  'application.update': updateApplication,
  'application.submit': submitApplication,
  'application.review': reviewApplication,
  'application.decide': decideApplication,
  'application.revoke': revokeApplication,
  'application.get': getApplicationAction,
  'application.list': listApplications,
  'rating.get': getRating,
  'dashboard.get': getDashboard,
  'export.dashboard': exportDashboard,
  'audit.list': listAudit,
  'tour.create': createTour,
  'tour.score': scoreTour,
  'tour.close': closeTourAction,
  'tour.get': getTourAction,
  'tour.list': listTours,
  'tour.toChecklist': tourToChecklist,
  'export.tour': exportTour,
  'award.nominate': nominateAward,
  'award.confirm': confirmAward,
  'award.list': listAwards,
  'report.weekly': getWeeklyReport,
  'report.close': closeWeeklyReport,
  'export.weekly': exportWeeklyReport,
  'contact.set': setContact,
  'contact.list': listContacts,
  'contact.attendance': contactAttendance,
} satisfies HandlerTable
