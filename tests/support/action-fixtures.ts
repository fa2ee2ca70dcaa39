import type { ActionInput, ActionName } from '../../types/api'
import type { Notice } from '../../types/notice'
import type { Objection } from '../../types/objection'
import type { RoleGrant, Star } from '../../types/roles'
import type { DocumentStore } from '../../core/store'
import type { Person } from '../../core/caller'
import type { Permission } from '../../core/permissions'
import { addDays, isoWeekOf } from '../../core/time'
import { createHash } from 'node:crypto'
import { toDoc } from '../../backend/repository'
import { codeFromBytes } from '../../core/grant-rules'
import { hashCode, personRef } from '../../backend/secrets'
import type { InviteDoc } from '../../backend/actions/invite'
import { DEMO, TEST_PEPPER, makeDraft } from './app-harness'
import { makeCriticism, makeNotice, makePerson } from './factories'
import { ensureCatalogue, localPhoto, makeChecklistItem, makeImportSheet, makeLedgerEntry, makeLedgerInput } from './records-factories'
import type { LedgerEntry } from '../../types/ledger'
import type { ChecklistItem } from '../../types/checklist'
import type { Application, ApplicationStatus } from '../../types/application'
import { ratingId, type RatingSummary } from '../../core/application-rules'
import { writeChecklistItems } from '../../backend/checklist-writes'
import type { Tour, TourSheet } from '../../types/tour'
import { DEFAULT_TOUR_CRITERIA, quarterOf, tourSheetId } from '../../core/tour-rules'
import { plantNominatedAward, plantPublishedPraise, praiseWeek } from './award-fixtures'

// Per-action payload factories and the callers of the permission matrix, shared by the hostile
// suites and the benchmark. Every action of the contract needs a factory here: the mapped type
// below refuses to compile without one, and the matrix suite refuses to run without one.

/** What a factory may use: the store (to plant the record an action works on) and the clock. */
export interface FixtureContext {
  store: DocumentStore
  now: Date
  /** Today in China at `now`. */
  today: string
  /** A fresh id, unique within the store. */
  nextId: (prefix: string) => string
}

/** What the call is about: the village (and township) whose record the payload names. */
export interface FixtureTarget {
  townshipId: string
  villageId: string
  /** The star the call is about, for star-scoped actions (task forces); payload factories use it. */
  star?: Star
}

export type PayloadFactory<A extends ActionName> = (ctx: FixtureContext, target: FixtureTarget) => Promise<ActionInput<A>>

/** A counter-based id source for FixtureContext.nextId. */
export function idSource(stamp = 'hx'): (prefix: string) => string {
  let n = 0
  return (prefix) => `${stamp}${prefix}${(++n).toString(36).padStart(6, '0')}`
}

/** A pending praise drafted by someone other than the reviewer, planted in the target village. */
export async function plantPendingNotice(ctx: FixtureContext, target: FixtureTarget, overrides: Partial<Notice> = {}): Promise<Notice> {
  const notice = makeNotice({
    id: ctx.nextId('n'),
    townshipId: target.townshipId,
    villageId: target.villageId,
    publishDate: addDays(ctx.today, 1),
    status: 'pending',
    draftedBy: 'fixture-drafter',
    draftedByName: '起草人',
    createdAt: ctx.now.toISOString(),
    reviewedBy: null,
    reviewedAt: null,
    boardDate: null,
    version: 1,
    ...overrides,
  })
  await ctx.store.insert('notices', toDoc(notice))
  return notice
}

/**
 * A criticism on yesterday's board of the target village: still in its public week, so objectable,
 * and rectifiable. Yesterday, so that planting many (the bench does) leaves today's board as it was.
 */
export async function plantPublishedCriticism(ctx: FixtureContext, target: FixtureTarget, overrides: Partial<Notice> = {}): Promise<Notice> {
  const yesterday = addDays(ctx.today, -1)
  const notice = makeCriticism({
    id: ctx.nextId('n'),
    townshipId: target.townshipId,
    villageId: target.villageId,
    publishDate: yesterday,
    boardDate: yesterday,
    createdAt: ctx.now.toISOString(),
    draftedBy: 'fixture-drafter',
    reviewedBy: 'fixture-reviewer',
    ...overrides,
  })
  await ctx.store.insert('notices', toDoc(notice))
  return notice
}

/** An objection record as `objection.create` stores it. */
export function makeObjection(overrides: Partial<Objection> = {}): Objection {
  return {
    id: 'o1',
    townshipId: 'fanggang',
    villageId: 'tiegou',
    noticeId: 'n1',
    openid: 'fixture-objector',
    reason: '已于当天清理完毕，请核实。',
    status: 'open',
    createdAt: '2026-11-27T02:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    version: 1,
    ...overrides,
  }
}

/** An open objection (and its criticism, counted as objected) in the target village. */
export async function plantOpenObjection(ctx: FixtureContext, target: FixtureTarget): Promise<Objection> {
  const notice = await plantPublishedCriticism(ctx, target, { openObjections: 1, version: 4 })
  const objection = makeObjection({
    id: `${notice.id}_fixture-objector`,
    townshipId: target.townshipId,
    villageId: target.villageId,
    noticeId: notice.id,
    createdAt: ctx.now.toISOString(),
  })
  await ctx.store.insert('objections', toDoc(objection))
  return objection
}

/** The invitation pepper the back ends of the tests and the bench are configured with. */
export async function fixturePepper(_ctx: FixtureContext): Promise<string> {
  return TEST_PEPPER
}

/** An open cadre invitation for the target village, with its code. */
export async function plantInvite(ctx: FixtureContext, target: FixtureTarget, overrides: Partial<InviteDoc> = {}) {
  const id = ctx.nextId('i')
  const code = codeFromBytes(createHash('sha256').update(id).digest())
  const invite = makeInviteDoc({
    _id: id, townshipId: target.townshipId, villageId: target.villageId, grant: { role: 'cadre', villageId: target.villageId },
    codeHash: hashCode(await fixturePepper(ctx), code), createdAt: ctx.now.toISOString(), validThrough: addDays(ctx.today, 7), ...overrides,
  })
  await ctx.store.insert('invites', { ...invite })
  return { invite, code }
}

/** A person of the target township holding `grants`. */
export async function plantPerson(ctx: FixtureContext, target: FixtureTarget, grants: RoleGrant[]): Promise<Person> {
  const person = makePerson({ _id: ctx.nextId('p'), name: '王干部', townshipId: target.townshipId, villageId: target.villageId, grants })
  await ctx.store.insert('people', { ...person })
  return person
}

/** An invitation record as invite.create stores it (an open cadre invitation of 帖沟村 unless overridden). */
export function makeInviteDoc(overrides: Partial<InviteDoc> = {}): InviteDoc {
  return {
    _id: 'i1', townshipId: 'fanggang', villageId: 'tiegou', grant: { role: 'cadre', villageId: 'tiegou' }, codeHash: 'unset',
    status: 'open', createdBy: DEMO.admin, createdByName: '孙丽', createdAt: '2026-11-27T02:00:00.000Z', validThrough: '2026-12-04',
    redeemedBy: null, redeemedByName: null, redeemedAt: null, cancelledBy: null, cancelledAt: null, version: 1,
    ...overrides,
  }
}

/** The star a star-scoped payload is about: the target's, else 平安法治星. */
const starOf = (target: FixtureTarget): Star => target.star ?? 4
const yearOf = (ctx: FixtureContext) => Number(ctx.today.slice(0, 4))

/** A cadre of the target village, an owner checklist items may be assigned to (planted once). */
export async function plantOfficer(ctx: FixtureContext, target: FixtureTarget): Promise<Person> {
  const person = makePerson({ _id: `fixture-officer-${target.villageId}`, name: `干部${target.villageId}`, townshipId: target.townshipId, villageId: target.villageId, grants: [{ role: 'cadre', villageId: target.villageId }] })
  await ctx.store.insertIfAbsent('people', { ...person })
  return person
}

/** A ledger entry in the target village (submitted, of the target's star, today). */
export async function plantLedgerEntry(ctx: FixtureContext, target: FixtureTarget, overrides: Partial<LedgerEntry> = {}): Promise<LedgerEntry> {
  const entry = makeLedgerEntry({
    id: ctx.nextId('le'), townshipId: target.townshipId, villageId: target.villageId, star: starOf(target), date: ctx.today,
    activityType: starOf(target) === 4 ? '防电诈教育' : '其他', criterionId: null, otherName: starOf(target) === 4 ? null : '专项活动',
    createdAt: ctx.now.toISOString(), updatedAt: ctx.now.toISOString(), ...overrides,
  })
  await ctx.store.insert('ledger', toDoc(entry))
  return entry
}

/** A checklist item in the target village, owned by its planted officer. */
export async function plantChecklistItem(ctx: FixtureContext, target: FixtureTarget, overrides: Partial<ChecklistItem> = {}): Promise<ChecklistItem> {
  const owner = await plantOfficer(ctx, target)
  const item = makeChecklistItem({
    id: ctx.nextId('ck'), townshipId: target.townshipId, villageId: target.villageId, ownerId: owner._id, ownerName: owner.name,
    dueMonth: ctx.today.slice(0, 7), ...overrides,
  })
  await writeChecklistItems(ctx.store, [{ before: null, after: item }])
  return item
}

/** An application of the target village in `status` (of the target's star, this year), planted directly. */
export async function plantApplication(ctx: FixtureContext, target: FixtureTarget, status: ApplicationStatus, overrides: Partial<Application> = {}): Promise<Application> {
  const id = ctx.nextId('ap')
  const at = ctx.now.toISOString()
  const app: Application = {
    id, townshipId: target.townshipId, villageId: target.villageId, star: starOf(target), year: yearOf(ctx), status,
    rows: [{ criterionId: 's4-fangdianzha', title: '防电诈教育', ruleKind: 'monthly', months: [], ledgerIds: [], checklistIds: [], comment: '', reviewComment: null }],
    note: '', lastComment: null, createdBy: 'fixture-cadre', createdAt: at, updatedAt: at, updatedBy: 'fixture-cadre', sortKey: `${at}_${id}`, version: 1,
    ...overrides,
  }
  await ctx.store.insert('applications', toDoc(app))
  return app
}

/** A (star, year) the target village has no live application for, with that year's catalogue in place. */
async function freeApplicationSlot(ctx: FixtureContext, target: FixtureTarget): Promise<{ star: Star; year: number }> {
  for (let year = yearOf(ctx); ; year--) {
    const rating = await ctx.store.get<RatingSummary>('ratings', ratingId(target.villageId, year))
    const star = ([4, 1, 2, 3, 5] as Star[]).find((s) => !rating?.live[s])
    if (star) {
      await ensureCatalogue(ctx.store, target.townshipId, year)
      return { star, year }
    }
  }
}

/**
 * A tour of the target township (open, unless `closed`) whose stops are 方北村 — where no fixture caller
 * answers for a village, so every scorer may score it — and `also` (e.g. the target village).
 */
export async function plantTour(ctx: FixtureContext, target: FixtureTarget, options: { closed?: boolean; also?: string } = {}): Promise<Tour> {
  const id = ctx.nextId('tour')
  const at = ctx.now.toISOString()
  const villages = ['fangbei', ...(options.also && options.also !== 'fangbei' ? [options.also] : [])]
  const tour: Tour = {
    id, townshipId: target.townshipId, quarter: quarterOf(ctx.today), date: ctx.today, title: '季度观摩',
    criteria: DEFAULT_TOUR_CRITERIA,
    stops: villages.map((v) => ({ villageId: v, villageName: v, status: options.closed ? 'closed' : 'open', closedAt: options.closed ? at : null })),
    status: options.closed ? 'closed' : 'open', createdBy: DEMO.leader, createdByName: '镇领导', createdAt: at, closedAt: options.closed ? at : null,
    ranking: options.closed ? [] : null, sortKey: `${ctx.today}_${id}`, version: 1,
  }
  await ctx.store.insert('tours', { ...toDoc(tour) })
  return tour
}

/** A scorer's sheet with a comment at `villageId` of `tour`. */
export async function plantTourSheet(ctx: FixtureContext, tour: Tour, villageId: string): Promise<TourSheet> {
  const scorerId = `fixture-scorer-${ctx.nextId('s')}`
  const sheet: TourSheet = {
    id: tourSheetId(tour.id, villageId, scorerId), tourId: tour.id, villageId, scorerId, scorerName: '评分人', points: [18, 17, 16, 15, 14], total: 80,
    comment: '产业项目台账不够完整，建议补齐', checklistItemId: null, createdAt: ctx.now.toISOString(), updatedAt: ctx.now.toISOString(),
  }
  await ctx.store.insert('tourSheets', { ...toDoc(sheet) })
  return sheet
}

/** One valid payload per action, aimed at `target`, with whatever record it needs planted first. */
export const PAYLOADS: { [A in ActionName]: PayloadFactory<A> } = {
  'village.list': async () => ({ limit: 50 }),
  'village.update': async (_ctx, target) => ({ op: 'rename', villageId: target.villageId, name: '更名村' }),
  'township.list': async () => ({}),
  'township.create': async () => ({ name: '神垕镇', county: '禹州市' }),
  'invite.create': async (_ctx, target) => ({ role: 'cadre', villageId: target.villageId }),
  'invite.redeem': async (ctx, target) => ({ code: (await plantInvite(ctx, target)).code, name: '新任干部' }),
  'invite.cancel': async (ctx, target) => ({ inviteId: (await plantInvite(ctx, target)).invite._id }),
  'invite.list': async (_ctx, target) => ({ villageId: target.villageId }),
  'role.list': async (_ctx, target) => ({ villageId: target.villageId }),
  'role.revoke': async (ctx, target) => {
    const person = await plantPerson(ctx, target, [{ role: 'cadre', villageId: target.villageId }])
    return { ref: personRef(await fixturePepper(ctx), person._id), grant: { role: 'cadre', villageId: target.villageId }, reason: '已调离本村' }
  },
  'me.get': async () => ({}),
  'me.bindVillage': async (_ctx, target) => ({ villageId: target.villageId }),
  'notice.draft': async (ctx, target) => makeDraft({ villageId: target.villageId, publishDate: addDays(ctx.today, 1) }),
  'notice.listDrafts': async (_ctx, target) => ({ villageId: target.villageId, status: 'pending' }),
  'notice.review': async (ctx, target) => ({ noticeId: (await plantPendingNotice(ctx, target)).id, decision: 'approve', comment: '同意发布' }),
  'notice.markRectified': async (ctx, target) => ({ noticeId: (await plantPublishedCriticism(ctx, target)).id }),
  'board.get': async (_ctx, target) => ({ villageId: target.villageId }),
  'board.listDates': async (_ctx, target) => ({ villageId: target.villageId, limit: 20 }),
  'objection.create': async (ctx, target) => ({
    noticeId: (await plantPublishedCriticism(ctx, target)).id,
    reason: '柴草已于昨日清理完毕，请核实后撤下。',
  }),
  'objection.listOpen': async (_ctx, target) => ({ villageId: target.villageId }),
  'objection.decide': async (ctx, target) => ({ objectionId: (await plantOpenObjection(ctx, target)).id, decision: 'dismiss' }),
  'inbox.list': async () => ({ limit: 20 }),
  'inbox.markRead': async () => ({ all: true }),
  'inbox.unreadCount': async () => ({}),
  // Local mode's stand-in template ids (backend/notify/config.ts LOCAL_TEMPLATES): the harness runs without WeChat.
  'subscription.record': async (_ctx, target) => ({
    results: [{ templateId: 'local-board', status: 'accept' }, { templateId: 'local-review', status: 'reject' }],
    villageId: target.villageId,
  }),
  'catalogue.get': async (ctx) => ({ year: yearOf(ctx) }),
  'catalogue.update': async (ctx, target) => {
    await ensureCatalogue(ctx.store, target.townshipId, yearOf(ctx))
    return { year: yearOf(ctx), focus: [{ month: ctx.today.slice(0, 7), text: '平安法治：防电诈宣传进村入户' }] }
  },
  'catalogue.copyYear': async (ctx, target) => {
    // The first year with no catalogue yet (each copy takes one), copied from the year before it.
    let to = 2001
    while (await ctx.store.get('catalogues', `${target.townshipId}_${to}`)) to++
    await ensureCatalogue(ctx.store, target.townshipId, to - 1)
    return { from: to - 1, to }
  },
  'target.set': async (ctx, target) => ({ villageId: target.villageId, year: yearOf(ctx), stars: [1, 3, 4] }),
  'target.list': async (ctx) => ({ year: yearOf(ctx) }),
  'ledger.create': async (ctx, target) => {
    await ensureCatalogue(ctx.store, target.townshipId, yearOf(ctx))
    return makeLedgerInput({ villageId: target.villageId, date: ctx.today })
  },
  'ledger.update': async (ctx, target) => {
    await ensureCatalogue(ctx.store, target.townshipId, yearOf(ctx))
    const entry = await plantLedgerEntry(ctx, target, { status: 'returned', star: 4, activityType: '防电诈教育', otherName: null, reviewComment: '请补充照片' })
    const { villageId: _v, ...fields } = makeLedgerInput({ date: ctx.today, photos: [localPhoto(1), localPhoto(2)] })
    return { ...fields, entryId: entry.id }
  },
  'ledger.review': async (ctx, target) => ({ entryId: (await plantLedgerEntry(ctx, target)).id, decision: 'verify' }),
  'ledger.get': async (ctx, target) => ({ entryId: (await plantLedgerEntry(ctx, target)).id }),
  'ledger.list': async (_ctx, target) => ({ villageId: target.villageId, limit: 20 }),
  'compliance.get': async (ctx, target) => {
    await ensureCatalogue(ctx.store, target.townshipId, yearOf(ctx))
    return { villageId: target.villageId, month: ctx.today.slice(0, 7) }
  },
  'checklist.create': async (ctx, target) => ({
    villageId: target.villageId, star: 3, text: '村内主干道路灯维修 20 盏', ownerId: (await plantOfficer(ctx, target))._id, dueMonth: ctx.today.slice(0, 7),
  }),
  'checklist.import': async (ctx, target) => {
    const owner = await plantOfficer(ctx, target)
    return { villageId: target.villageId, fileBase64: await makeImportSheet([['平安法治星', '每月开展防电诈教育', owner.name, ctx.today.slice(0, 7)], ['', '村务公开栏更新', owner.name, ctx.today.slice(0, 7)]]) }
  },
  'checklist.update': async (ctx, target) => ({ itemId: (await plantChecklistItem(ctx, target)).id, status: 'in_progress' }),
  'checklist.close': async (ctx, target) => ({ itemId: (await plantChecklistItem(ctx, target)).id, photos: [localPhoto(3)], note: '已完成，照片为证' }),
  'checklist.review': async (ctx, target) => ({
    itemId: (await plantChecklistItem(ctx, target, { status: 'awaiting', star: target.star ?? null, evidence: { ledgerEntryId: null, photos: [localPhoto(3)], note: '已完成', at: ctx.now.toISOString(), by: 'fixture' } })).id,
    decision: 'accept',
  }),
  'checklist.list': async (_ctx, target) => ({ villageId: target.villageId, limit: 20 }),
  'export.ledger': async (ctx, target) => ({ villageId: target.villageId, from: ctx.today.slice(0, 7), to: ctx.today.slice(0, 7) }),
  'export.checklist': async (_ctx, target) => ({ villageId: target.villageId }),
  'application.create': async (ctx, target) => ({ villageId: target.villageId, ...(await freeApplicationSlot(ctx, target)) }),
  'application.update': async (ctx, target) => ({
    applicationId: (await plantApplication(ctx, target, 'draft')).id,
    rows: [{ criterionId: 's4-fangdianzha', ledgerIds: [(await plantLedgerEntry(ctx, target)).id], checklistIds: [], comment: '每月开展，照片齐全' }],
  }),
  'application.submit': async (ctx, target) => ({ applicationId: (await plantApplication(ctx, target, 'draft')).id }),
  'application.review': async (ctx, target) => ({ applicationId: (await plantApplication(ctx, target, 'submitted')).id, decision: 'recommend', comment: '材料齐全' }),
  'application.decide': async (ctx, target) => ({ applicationId: (await plantApplication(ctx, target, 'recommended')).id, decision: 'approve', comment: '同意' }),
  'application.revoke': async (ctx, target) => ({ applicationId: (await plantApplication(ctx, target, 'approved')).id, reason: '发生重大安全事故' }),
  'application.get': async (ctx, target) => ({ applicationId: (await plantApplication(ctx, target, 'submitted')).id }),
  'application.list': async (_ctx, target) => ({ villageId: target.villageId, limit: 20 }),
  'rating.get': async (ctx, target) => ({ villageId: target.villageId, year: yearOf(ctx) }),
  'dashboard.get': async (ctx, target) => ({ year: yearOf(ctx), villageId: target.villageId }),
  'export.dashboard': async (ctx) => ({ year: yearOf(ctx) }),
  'audit.list': async (ctx, target) => ({ entity: 'ledger', entityId: (await plantLedgerEntry(ctx, target)).id }),
  'tour.create': async (ctx, target) => ({ quarter: quarterOf(ctx.today), date: ctx.today, route: [target.villageId, ...(target.villageId === 'fangbei' ? [] : ['fangbei'])] }),
  'tour.score': async (ctx, target) => ({ tourId: (await plantTour(ctx, target)).id, villageId: 'fangbei', points: [18, 17, 16, 15, 19], comment: '版面展示清楚，资料齐全' }),
  'tour.close': async (ctx, target) => ({ tourId: (await plantTour(ctx, target)).id }),
  'tour.get': async (ctx, target) => ({ tourId: (await plantTour(ctx, target, { also: target.villageId })).id }),
  'tour.list': async () => ({ limit: 20 }),
  'tour.toChecklist': async (ctx, target) => {
    const tour = await plantTour(ctx, target, { closed: true, also: target.villageId })
    const sheet = await plantTourSheet(ctx, tour, target.villageId)
    const owner = await plantOfficer(ctx, target)
    return { tourId: tour.id, sheetId: sheet.id, ownerRef: personRef(await fixturePepper(ctx), owner._id), dueMonth: ctx.today.slice(0, 7) }
  },
  'export.tour': async (ctx, target) => ({ tourId: (await plantTour(ctx, target, { closed: true })).id }),
  'award.nominate': async (ctx, target) => ({
    villageId: target.villageId, kind: 'weeklyStar', week: praiseWeek(ctx), noticeId: (await plantPublishedPraise(ctx, target)).id, prize: '洗衣粉一袋',
  }),
  'award.confirm': async (ctx, target) => ({ awardId: (await plantNominatedAward(ctx, target)).id, decision: 'confirm' }),
  'award.list': async (ctx, target) => ({ villageId: target.villageId, year: yearOf(ctx) }),
  // 专班 actions: the target's star, or a star no fixture caller holds (the task force holds 3), so the table's verdict holds.
  'report.weekly': async (ctx, target) => ({ star: target.star ?? 1, week: isoWeekOf(ctx.today).key }),
  // A week not yet closed each time (a week closes once): counting back from last week.
  'report.close': async (ctx, target) => ({
    star: target.star ?? 1, week: isoWeekOf(addDays(ctx.today, -7 * (1 + (closedWeeks++ % 2000)))).key, issues: '个别村台账照片不清晰', nextSteps: '下周督导方北村补齐台账',
  }),
  'export.weekly': async (_ctx, target) => ({ star: target.star ?? 1 }),
  'contact.set': async (ctx, target) => ({
    villageId: target.villageId, year: yearOf(ctx), leaderRef: personRef(await fixturePepper(ctx), DEMO.leader), unit: '禹州市财政局',
  }),
  'contact.list': async (ctx) => ({ year: yearOf(ctx) }),
  'contact.attendance': async (ctx) => ({ year: yearOf(ctx) }),
}

let closedWeeks = 0

/** One role the matrix calls as, and what that caller holds (stated here, not derived by the code under test). */
export interface CallerFixture {
  key: string
  label: string
  openid: string | null
  /** Stored before the calls when the seed lacks this person. */
  person?: Person
  townshipId: string | null
  /** Every role held, with its scope, including the implicit 村民 role of the caller's own village. */
  holds: RoleGrant[]
  /** One of the deployment's admins (the harness configures the seed's admin as one, like local mode). */
  deploymentAdmin?: boolean
}

const other = (key: string, name: string, grants: RoleGrant[]): Person =>
  makePerson({ _id: `hostile-${key}`, name, villageId: 'liugang', grants })

/** The ten callers: anonymous, and each role in 帖沟村 and in 刘岗村 (another village), plus the township roles. */
export const CALLERS: CallerFixture[] = [
  { key: 'anonymous', label: '游客', openid: null, townshipId: null, holds: [] },
  { key: 'villager-tiegou', label: '帖沟村村民', openid: DEMO.villager, townshipId: 'fanggang', holds: [{ role: 'villager', villageId: 'tiegou' }] },
  {
    key: 'villager-liugang', label: '刘岗村村民', openid: 'hostile-villager-liugang', townshipId: 'fanggang',
    person: other('villager-liugang', '刘村民', []), holds: [{ role: 'villager', villageId: 'liugang' }],
  },
  {
    key: 'cadre-tiegou', label: '帖沟村村干部', openid: DEMO.cadre, townshipId: 'fanggang',
    holds: [{ role: 'cadre', villageId: 'tiegou' }, { role: 'villager', villageId: 'tiegou' }],
  },
  {
    key: 'cadre-liugang', label: '刘岗村村干部', openid: 'hostile-cadre-liugang', townshipId: 'fanggang',
    person: other('cadre-liugang', '刘干部', [{ role: 'cadre', villageId: 'liugang' }]),
    holds: [{ role: 'cadre', villageId: 'liugang' }, { role: 'villager', villageId: 'liugang' }],
  },
  {
    key: 'secretary-tiegou', label: '帖沟村书记', openid: DEMO.secretary, townshipId: 'fanggang',
    holds: [{ role: 'secretary', villageId: 'tiegou' }, { role: 'cadre', villageId: 'tiegou' }, { role: 'villager', villageId: 'tiegou' }],
  },
  {
    key: 'secretary-liugang', label: '刘岗村书记', openid: 'hostile-secretary-liugang', townshipId: 'fanggang',
    person: other('secretary-liugang', '刘书记', [{ role: 'secretary', villageId: 'liugang' }, { role: 'cadre', villageId: 'liugang' }]),
    holds: [{ role: 'secretary', villageId: 'liugang' }, { role: 'cadre', villageId: 'liugang' }, { role: 'villager', villageId: 'liugang' }],
  },
  { key: 'taskforce', label: '工作专班（生态宜居星）', openid: DEMO.taskforce, townshipId: 'fanggang', holds: [{ role: 'taskforce', star: 3 }] },
  { key: 'leader', label: '镇领导', openid: DEMO.leader, townshipId: 'fanggang', holds: [{ role: 'leader' }] },
  { key: 'admin', label: '管理员', openid: DEMO.admin, townshipId: 'fanggang', holds: [{ role: 'admin' }], deploymentAdmin: true },
]

/** Stores the callers the seed lacks. */
export async function plantCallers(store: DocumentStore): Promise<void> {
  for (const caller of CALLERS) if (caller.person) await store.insert('people', { ...caller.person })
}

/** 帖沟村 (where the demo people hold their roles) and 刘岗村 (where the planted "other village" people do). */
export const TARGETS: Array<FixtureTarget & { label: string }> = [
  { label: '帖沟村', townshipId: 'fanggang', villageId: 'tiegou' },
  { label: '刘岗村', townshipId: 'fanggang', villageId: 'liugang' },
  // A star's record (task-force actions), in a village where no fixture caller holds a village role.
  { label: '方北村·生态宜居星', townshipId: 'fanggang', villageId: 'fangbei', star: 3 },
]

/** The first target some fixture caller may make `permission`'s call on (the bench measures there). */
export function reachableTarget(permission: Permission): FixtureTarget & { label: string } {
  return TARGETS.find((t) => CALLERS.some((c) => expectedByTable(permission, c, t) === 'allowed')) ?? TARGETS[0]
}

/** What the permission table says a call by `caller` on `target` must get (worked out here, not by `authorize`). */
export type ExpectedOutcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN'

export function expectedByTable(permission: Permission, caller: CallerFixture, target: FixtureTarget): ExpectedOutcome {
  if (permission.who === 'anyone') return 'allowed'
  if (!caller.openid) return 'UNAUTHENTICATED'
  if (permission.who === 'signedIn') return 'allowed'
  if (permission.who === 'deploymentAdmin') return caller.deploymentAdmin ? 'allowed' : 'FORBIDDEN'
  const inScope = permission.rules.some((rule) =>
    (caller.deploymentAdmin && rule.roles.includes('admin')) ||
    caller.holds.some((grant) => {
      if (!rule.roles.includes(grant.role)) return false
      switch (rule.scope) {
        case 'village':
          return 'villageId' in grant && grant.villageId === target.villageId
        case 'star':
          return 'star' in grant && target.star !== undefined && grant.star === target.star && caller.townshipId === target.townshipId
        case 'township':
          return caller.townshipId === target.townshipId
        default:
          throw new Error(`the fixtures do not know the scope ${JSON.stringify(rule.scope satisfies never)}`)
      }
    }),
  )
  return inScope ? 'allowed' : 'FORBIDDEN'
}

/** A caller the table allows to make `permission`'s call on `target`: the 帖沟村 villager when anyone may, else the first that may. */
export function allowedCaller(permission: Permission, target: FixtureTarget): CallerFixture {
  const villager = CALLERS.find((c) => c.key === 'villager-tiegou')!
  if (expectedByTable(permission, villager, target) === 'allowed') return villager
  const caller = CALLERS.find((c) => expectedByTable(permission, c, target) === 'allowed')
  if (!caller) throw new Error('no fixture caller is allowed this call')
  return caller
}
