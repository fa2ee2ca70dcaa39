import type { Catalogue, Criterion } from '../../types/catalogue'
import { OTHER_ACTIVITY } from '../../types/catalogue'
import type { LedgerEntry } from '../../types/ledger'
import type { TxStore, Where } from '../../core/store'
import { invalidInput } from '../../core/errors'
import { activityTypesFor, criteriaFor, focusOf } from '../../core/catalogue-rules'
import { applyEntry, complianceId, countStatuses, emptyComplianceYear, evaluateMonth, yearsTouched, type ComplianceYear } from '../../core/compliance'
import { ledgerTransition } from '../../core/ledger-rules'
import { ledgerReviewed, type Notification } from '../../core/notify'
import { monthOfDay } from '../../core/time'
import { defineHandler, callerName, callerOpenid, type ActionContext } from '../action'
import { viewedBy, viewLedgerEntry, viewPage } from '../people-view'
import { appendAudit } from '../audit'
import { changedFields, findCatalogue, getLedgerEntry, getVillage, toDoc, toRecord, type Stored } from '../repository'
import { creationId, createOnce, editOnce } from '../create-once'
import { changeVersioned } from '../versioned-change'
import { ledgerWeeklyEvents } from '../../core/weekly-report'
import { countWeekly } from '../weekly-tallies'
import { applyAttendance, attendanceId, leaderMayAttend, type AttendanceYear } from '../../core/attendance'
import { contactId, type ContactDoc } from './contact'

type Fields = Pick<LedgerEntry, 'star' | 'criterionId' | 'activityType' | 'otherName' | 'date' | 'participants' | 'summary' | 'photos' | 'figure'> & { leaderAttended: boolean }

/** Which photo ids this deployment lets the caller attach (locally: local uploads only). */
export function checkPhotos(ctx: ActionContext, photos: string[]): void {
  const openid = callerOpenid(ctx)
  const accepts = ctx.deps.files?.acceptsPhoto ?? ((_o: string, id: string) => id.startsWith('local://'))
  const bad = photos.find((p) => !accepts(openid, p))
  if (bad) throw invalidInput('照片必须是本人通过本小程序上传的图片', 'photos')
}

/** The village's contact leader of the entry's year, when the entry records that they attended (主题党日 / 组织生活会). */
async function attendedLeader(ctx: ActionContext, villageId: string, fields: Fields): Promise<{ attendedLeaderId: string | null; attendedLeaderName: string | null }> {
  if (!fields.leaderAttended) return { attendedLeaderId: null, attendedLeaderName: null }
  if (!leaderMayAttend(fields.activityType)) throw invalidInput('只有主题党日和组织生活会登记联系领导参加', 'leaderAttended')
  const contact = await ctx.deps.store.get<ContactDoc>('contacts', contactId(villageId, Number(fields.date.slice(0, 4))))
  if (!contact) throw invalidInput('本村该年度尚未登记联系领导（联系村）', 'leaderAttended')
  return { attendedLeaderId: contact.leaderId, attendedLeaderName: contact.leaderName }
}

/** Moves an entry's leader attendance in its village's yearly summary, inside the write's transaction. */
async function updateAttendance(tx: TxStore, before: LedgerEntry | null, after: LedgerEntry): Promise<void> {
  for (const year of new Set([before, after].filter((e) => e?.attendedLeaderId).map((e) => Number(e!.date.slice(0, 4))))) {
    const id = attendanceId(after.villageId, year)
    const existing = await tx.get<AttendanceYear>('attendance', id)
    let summary: AttendanceYear = existing ?? { _id: id, townshipId: after.townshipId, villageId: after.villageId, year, byLeader: {} }
    if (before) summary = applyAttendance(summary, before, -1)
    summary = applyAttendance(summary, after, 1)
    if (existing) await tx.patch('attendance', id, { byLeader: summary.byLeader })
    else await tx.insert('attendance', { ...summary })
  }
}

/** Checks an entry's fields against the catalogue in force for its month; answers the criterion it serves. */
async function validateFields(ctx: ActionContext, townshipId: string, fields: Fields): Promise<{ criterionId: string | null; figure: number | null }> {
  if (fields.date > ctx.today) throw invalidInput('活动日期不能晚于今天', 'date')
  checkPhotos(ctx, fields.photos)
  const catalogue = await findCatalogue(ctx.deps.store, townshipId, Number(fields.date.slice(0, 4)))
  if (!catalogue) throw invalidInput(`${fields.date.slice(0, 4)} 年的创建标准尚未建立，不能登记该年度台账`, 'date')
  const month = monthOfDay(fields.date)
  if (!activityTypesFor(catalogue, month).includes(fields.activityType)) throw invalidInput(`活动类型“${fields.activityType}”不在创建标准中，请选择“其他”并填写名称`, 'activityType')
  if (fields.activityType === OTHER_ACTIVITY && !fields.otherName) throw invalidInput('“其他”类活动请填写活动名称', 'otherName')
  const criteria = criteriaFor(catalogue, month)
  let criterion: Criterion | undefined
  if (fields.criterionId) {
    criterion = criteria.find((c) => c.id === fields.criterionId)
    if (!criterion) throw invalidInput('所选标准不存在', 'criterionId')
  } else {
    const serving = criteria.filter((c) => c.rule?.activityType === fields.activityType)
    criterion = serving.find((c) => c.star === fields.star) ?? serving[0]
  }
  if (criterion && criterion.star !== fields.star) throw invalidInput('所选标准不属于该星级', 'star')
  if (criterion?.rule?.kind === 'figure') {
    if (fields.figure === null) throw invalidInput(`请填写${criterion.title}的数值（${criterion.rule.unit}）`, 'figure')
    if (fields.photos.length === 0) throw invalidInput('数值类台账须附证明材料照片', 'photos')
  }
  return { criterionId: criterion?.id ?? null, figure: criterion?.rule?.kind === 'figure' ? fields.figure : null }
}

/** Moves an entry's weight in the compliance summaries from `before` to `after`, inside the write's transaction. */
export async function updateCompliance(tx: TxStore, before: LedgerEntry | null, after: LedgerEntry): Promise<void> {
  const years = new Set([...(before ? yearsTouched(before) : []), ...yearsTouched(after)])
  for (const year of years) {
    const id = complianceId(after.villageId, year)
    const existing = await tx.get<ComplianceYear>('compliance', id)
    const summary = existing ? structuredClone(existing) : emptyComplianceYear(after.townshipId, after.villageId, year)
    if (before) applyEntry(summary, before, -1)
    applyEntry(summary, after, 1)
    const { _id, ...fields } = summary
    if (existing) await tx.patch('compliance', id, { months: fields.months, weeks: fields.weeks, yearTypes: fields.yearTypes, figures: fields.figures })
    else await tx.insert('compliance', { _id, ...fields })
  }
}

const entryTarget = async (input: { entryId: string }, ctx: ActionContext) => {
  const entry = await getLedgerEntry(ctx.deps.store, input.entryId)
  return { villageId: entry.villageId, townshipId: entry.townshipId, star: entry.star }
}

/** Writes a change of an entry with its compliance and audit in one transaction; refuses stale versions. */
function transitionEntry(
  ctx: ActionContext,
  entryId: string,
  action: string,
  change: (entry: LedgerEntry) => Partial<LedgerEntry>,
  expectedVersion?: number,
  /** Who hears of it: inbox entries in the same transaction, WeChat messages after the commit. */
  notifyOf?: (after: LedgerEntry) => Notification | null,
  requestId?: string,
): Promise<LedgerEntry> {
  return changeVersioned<LedgerEntry>(ctx, {
    entity: 'ledger', id: entryId, action, expectedVersion, requestId,
    load: getLedgerEntry,
    staleMessage: () => '该台账已被他人修改，请刷新后重试',
    next(before) {
      const after = { ...before, ...change(before), updatedAt: ctx.now.toISOString() }
      return { ...after, month: monthOfDay(after.date) }
    },
    async write(tx, before, after) {
      await tx.patch('ledger', entryId, changedFields(before, after))
      await updateCompliance(tx, before, after)
      await countWeekly(tx, after, ledgerWeeklyEvents(before, after))
      await updateAttendance(tx, before, after)
    },
    notify: notifyOf && ((after) => [notifyOf(after)]),
  })
}

export const createLedgerEntry = viewedBy(viewLedgerEntry, defineHandler('ledger.create', {
  target: (input) => ({ villageId: input.villageId }),
  async handle(input, ctx) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    const checked = await validateFields(ctx, village.townshipId, input)
    const attended = await attendedLeader(ctx, village.id, input)
    if (input.correctsId) {
      const corrected = await getLedgerEntry(ctx.deps.store, input.correctsId)
      if (corrected.villageId !== village.id) throw invalidInput('被更正的台账不属于本村', 'correctsId')
    }
    const id = creationId(ctx, input.requestId)
    const createdAt = ctx.now.toISOString()
    const entry: LedgerEntry = {
      id, townshipId: village.townshipId, villageId: village.id, star: input.star, criterionId: checked.criterionId,
      activityType: input.activityType, otherName: input.activityType === OTHER_ACTIVITY ? input.otherName : null,
      date: input.date, month: monthOfDay(input.date), participants: input.participants, summary: input.summary,
      photos: input.photos, figure: checked.figure, correctsId: input.correctsId, status: 'submitted',
      createdBy: callerOpenid(ctx), createdByName: callerName(ctx), createdAt, sortKey: `${createdAt}_${id}`, updatedAt: createdAt,
      reviewedBy: null, reviewedAt: null, reviewComment: null, version: 1, ...attended,
    }
    const create = () =>
      ctx.deps.store.transaction(async (tx) => {
        await tx.insert('ledger', toDoc(entry))
        await updateCompliance(tx, null, entry)
        await countWeekly(tx, entry, ledgerWeeklyEvents(null, entry))
        await updateAttendance(tx, null, entry)
        await appendAudit(tx, { townshipId: entry.townshipId, at: createdAt, actor: entry.createdBy, action: 'ledger.create', entity: 'ledger', entityId: id, before: null, after: entry, version: 1 })
        return entry
      })
    return createOnce(ctx, 'ledger', id, create, getLedgerEntry)
  },
}))

export const updateLedgerEntry = viewedBy(viewLedgerEntry, defineHandler('ledger.update', {
  target: entryTarget,
  handle: (input, ctx) => editOnce(ctx, 'ledger.update', input.requestId, async () => {
    const current = await getLedgerEntry(ctx.deps.store, input.entryId)
    ledgerTransition(current.status, 'edit')
    const checked = await validateFields(ctx, current.townshipId, input)
    const attended = await attendedLeader(ctx, current.villageId, input)
    return transitionEntry(ctx, input.entryId, 'ledger.update', (entry) => ({
      status: ledgerTransition(entry.status, 'edit'),
      star: input.star, criterionId: checked.criterionId, activityType: input.activityType,
      otherName: input.activityType === OTHER_ACTIVITY ? input.otherName : null, date: input.date,
      participants: input.participants, summary: input.summary, photos: input.photos, figure: checked.figure, ...attended,
    }), input.expectedVersion, undefined, input.requestId)
  }),
}))

export const reviewLedgerEntry = viewedBy(viewLedgerEntry, defineHandler('ledger.review', {
  target: entryTarget,
  async handle(input, ctx) {
    const action = `ledger.${input.decision}`
    return editOnce(ctx, action, input.requestId, () => transitionEntry(ctx, input.entryId, action, (entry) => ({
      status: ledgerTransition(entry.status, input.decision),
      reviewedBy: callerOpenid(ctx),
      reviewedAt: ctx.now.toISOString(),
      reviewComment: input.comment ?? null,
      // The entry's creator hears it was verified or returned.
    }), input.expectedVersion, (after) => ledgerReviewed(after, callerOpenid(ctx)), input.requestId))
  },
}))

export const getLedger = viewedBy(viewLedgerEntry, defineHandler('ledger.get', {
  target: entryTarget,
  handle: (input, ctx) => getLedgerEntry(ctx.deps.store, input.entryId),
}))

// The list's reach: a village, or (without one) the township of the caller.
const ledgerListTarget = async (input: { villageId?: string }, ctx: ActionContext) => {
  if (input.villageId) return { villageId: input.villageId, townshipId: (await getVillage(ctx.deps.store, input.villageId)).townshipId }
  return { townshipId: ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId }
}

/** The where of a ledger list: each combination served by one declared index. */
export function ledgerWhere(input: { villageId?: string; month?: string; star?: number; status?: string }, townshipId: string): Where {
  const where: Where = input.villageId ? { villageId: input.villageId } : { townshipId }
  const filters = (['month', 'star', 'status'] as const).filter((k) => input[k] !== undefined)
  const allowed = input.villageId ? filters.length <= 1 : filters.length <= 1 || (filters.length === 2 && !filters.includes('month'))
  if (!allowed) throw invalidInput(input.villageId ? '按村查询时一次只能按月份、星级或状态中的一项筛选' : '全镇查询可按月份，或按星级和状态筛选')
  for (const k of filters) where[k] = input[k] as string | number
  return where
}

export const listLedger = viewedBy(viewPage(viewLedgerEntry), defineHandler('ledger.list', {
  target: ledgerListTarget,
  async handle(input, ctx) {
    const where = ledgerWhere(input, ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId)
    if (input.cursor) where.sortKey = { $lt: input.cursor }
    const docs = await ctx.deps.store.find<Stored<LedgerEntry>>('ledger', { where, orderBy: [['sortKey', 'desc']], limit: input.limit + 1 })
    const items = docs.slice(0, input.limit).map((d) => toRecord<LedgerEntry>(d))
    return { items, nextCursor: docs.length > input.limit ? items[items.length - 1].sortKey : null }
  },
}))

// What the target check read is what the handler uses: two reads in all (summary, catalogue) once
// the village has any entry that year; three (plus the village) for a village-year with none.
const readForTarget = new WeakMap<object, { summary: ComplianceYear | null; townshipId: string }>()

async function complianceSources(input: { villageId: string; month: string }, ctx: ActionContext) {
  const known = readForTarget.get(input)
  if (known) return known
  const summary = await ctx.deps.store.get<ComplianceYear>('compliance', complianceId(input.villageId, Number(input.month.slice(0, 4))))
  const townshipId = summary?.townshipId ?? (await getVillage(ctx.deps.store, input.villageId)).townshipId
  const sources = { summary, townshipId }
  readForTarget.set(input, sources)
  return sources
}

export const getCompliance = defineHandler('compliance.get', {
  async target(input, ctx) {
    return { villageId: input.villageId, townshipId: (await complianceSources(input, ctx)).townshipId }
  },
  async handle(input, ctx) {
    const { summary, townshipId } = await complianceSources(input, ctx)
    const catalogue: Catalogue | null = await findCatalogue(ctx.deps.store, townshipId, Number(input.month.slice(0, 4)))
    const items = catalogue ? evaluateMonth(criteriaFor(catalogue, input.month), summary, input.month, ctx.today) : []
    return { villageId: input.villageId, month: input.month, focus: focusOf(catalogue, input.month), items, counts: countStatuses(items) }
  },
})
