import type { Application, AssessmentRow } from '../../types/application'
import { STAR_NAMES, type Star } from '../../types/roles'
import type { TxStore, Where } from '../../core/store'
import { DomainError, invalidInput, notFound } from '../../core/errors'
import { criteriaFor } from '../../core/catalogue-rules'
import { complianceId, evaluateMonth, type ComplianceYear } from '../../core/compliance'
import { applicationTransition, applyApplication, emptyRating, isLive, monthsOfYearUpTo, ratingId, type ApplicationEvent, type RatingSummary } from '../../core/application-rules'
import { chinaMonth } from '../../core/time'
import { defineHandler, callerOpenid, type ActionContext } from '../action'
import { viewedBy, viewApplication, viewPage } from '../people-view'
import { appendAudit } from '../audit'
import { changedFields, findCatalogue, getChecklistItem, getLedgerEntry, getVillage, toDoc, toRecord, type Stored } from '../repository'
import { creationId, createOnce, editOnce } from '../create-once'
import { changeVersioned } from '../versioned-change'
import { applicationWeeklyEvents } from '../../core/weekly-report'
import { countWeekly } from '../weekly-tallies'
import { applicationNotifications } from '../../core/notify'
import { notifiesOfApplication } from '../notify-application'
import { applicationAudience } from '../notify/workflows'

export async function getApplication(store: TxStore, id: string): Promise<Application> {
  const doc = await store.get<Stored<Application>>('applications', id)
  if (!doc) throw notFound('申报不存在')
  return toRecord<Application>(doc)
}

const applicationTarget = async (input: { applicationId: string }, ctx: ActionContext) => {
  const app = await getApplication(ctx.deps.store, input.applicationId)
  return { villageId: app.villageId, townshipId: app.townshipId, star: app.star }
}

/** Writes the rating summary after `app` reached its status (same transaction). */
async function updateRating(tx: TxStore, app: Application): Promise<RatingSummary> {
  const id = ratingId(app.villageId, app.year)
  const existing = await tx.get<RatingSummary>('ratings', id)
  const summary = applyApplication(existing ? structuredClone(existing) : emptyRating(app.townshipId, app.villageId, app.year), app.star, app.id, app.status)
  const { _id, ...fields } = summary
  if (existing) await tx.patch('ratings', id, { cells: fields.cells, live: fields.live, level: fields.level, version: fields.version })
  else await tx.insert('ratings', { _id, ...fields })
  return summary
}

/**
 * One transition of an application: state machine, compare-and-set on its version, the rating
 * summary, the audit entry and the inbox entries of who hears of it in one transaction (the
 * recipients looked up before it, the WeChat messages sent after the commit). Two reviewers at
 * once: the second finds the record moved on (or its version gone) and gets CONFLICT.
 */
async function transition(
  ctx: ActionContext,
  applicationId: string,
  event: ApplicationEvent,
  action: string,
  comment: string | null,
  expectedVersion: number | undefined,
  change: (app: Application) => Partial<Application> = () => ({}),
  requestId?: string,
): Promise<Application> {
  const actor = callerOpenid(ctx)
  const audience = notifiesOfApplication(action)
    ? await applicationAudience(ctx.deps, await getApplication(ctx.deps.store, applicationId), action)
    : null
  return changeVersioned<Application>(ctx, {
    entity: 'application', id: applicationId, action, expectedVersion, requestId,
    load: getApplication,
    staleMessage: (current) => `该申报已被他人处理（当前状态：${statusName(current)}），请刷新后重试`,
    next(before) {
      const status = applicationTransition(before.status, event)
      return { ...before, ...change(before), status, lastComment: comment, updatedAt: ctx.now.toISOString(), updatedBy: actor }
    },
    async write(tx, before, after) {
      await tx.patch('applications', applicationId, changedFields(before, after))
      if (after.status !== before.status) await updateRating(tx, after)
      await countWeekly(tx, after, applicationWeeklyEvents(before, after))
    },
    // The applicant and the next reviewer.
    notify: audience ? (after) => applicationNotifications(after, action, actor, comment, audience.people, audience.villageName) : undefined,
  })
}

const statusName = (app: Application) => ({ draft: '草稿', submitted: '待初审', returned: '已退回', recommended: '已推荐', approved: '已授星', rejected: '未通过', revoked: '已摘星' })[app.status]

/** The self-assessment rows of a star, pre-filled from the village's month-by-month compliance of the year. */
async function prefillRows(ctx: ActionContext, townshipId: string, villageId: string, star: Star, year: number): Promise<AssessmentRow[]> {
  const catalogue = await findCatalogue(ctx.deps.store, townshipId, year)
  if (!catalogue) throw invalidInput(`${year} 年的创建标准尚未建立，不能申报`, 'year')
  const current = chinaMonth(ctx.now)
  const upTo = year < Number(current.slice(0, 4)) ? `${year}-12` : current
  if (upTo < `${year}-01`) throw invalidInput('该年度尚未开始，不能申报', 'year')
  const summary = await ctx.deps.store.get<ComplianceYear>('compliance', complianceId(villageId, year))
  const months = monthsOfYearUpTo(year, upTo)
  const criteria = criteriaFor(catalogue, upTo).filter((c) => c.star === star)
  const byMonth = months.map((month) => ({ month, items: evaluateMonth(criteriaFor(catalogue, month).filter((c) => c.star === star), summary, month, ctx.today) }))
  return criteria.map((c) => ({
    criterionId: c.id,
    title: c.title,
    ruleKind: c.rule?.kind ?? null,
    months: c.rule ? byMonth.flatMap(({ month, items }) => items.filter((i) => i.criterionId === c.id).map((i) => ({ month, status: i.status }))) : [],
    ledgerIds: [],
    checklistIds: [],
    comment: '',
    reviewComment: null,
  }))
}

export const createApplication = viewedBy(viewApplication, defineHandler('application.create', {
  target: async (input, ctx) => ({ villageId: input.villageId, townshipId: (await getVillage(ctx.deps.store, input.villageId)).townshipId }),
  async handle(input, ctx) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    const rows = await prefillRows(ctx, village.townshipId, village.id, input.star, input.year)
    const id = creationId(ctx, input.requestId)
    const at = ctx.now.toISOString()
    const actor = callerOpenid(ctx)
    const app: Application = {
      id, townshipId: village.townshipId, villageId: village.id, star: input.star, year: input.year, status: 'draft', rows, note: '',
      lastComment: null, createdBy: actor, createdAt: at, updatedAt: at, updatedBy: actor, sortKey: `${at}_${id}`, version: 1,
    }
    const create = () =>
      ctx.deps.store.transaction(async (tx) => {
        // The rating summary is the uniqueness record: one live application per village, star and year.
        const rating = await tx.get<RatingSummary>('ratings', ratingId(village.id, input.year))
        const live = rating?.live[input.star]
        if (live && live !== id) {
          const other = await getApplication(tx, live)
          if (isLive(other.status)) throw new DomainError('CONFLICT', `本村 ${input.year} 年已有${STAR_NAMES[input.star]}申报（${statusName(other)}），不能重复申报`)
        }
        await tx.insert('applications', toDoc(app))
        await updateRating(tx, app)
        await appendAudit(tx, { townshipId: app.townshipId, at, actor, action: 'application.create', entity: 'application', entityId: id, before: null, after: app, version: 1 })
        return app
      })
    return createOnce(ctx, 'applications', id, create, getApplication)
  },
}))

export const updateApplication = viewedBy(viewApplication, defineHandler('application.update', {
  target: applicationTarget,
  handle: (input, ctx) => editOnce(ctx, 'application.update', input.requestId, async () => {
    const current = await getApplication(ctx.deps.store, input.applicationId)
    applicationTransition(current.status, 'edit')
    const rows = input.rows
    if (rows) {
      const known = new Set(current.rows.map((r) => r.criterionId))
      const unknown = rows.find((r) => !known.has(r.criterionId))
      if (unknown) throw invalidInput(`标准 ${unknown.criterionId} 不属于本申报`, 'rows')
      // Evidence must be the village's own ledger entries and checklist items.
      for (const row of rows) {
        for (const ledgerId of row.ledgerIds) {
          const entry = await getLedgerEntry(ctx.deps.store, ledgerId).catch(() => null)
          if (!entry || entry.villageId !== current.villageId) throw invalidInput('关联的台账不存在或不属于本村', 'rows')
        }
        for (const itemId of row.checklistIds) {
          const item = await getChecklistItem(ctx.deps.store, itemId).catch(() => null)
          if (!item || item.villageId !== current.villageId) throw invalidInput('关联的清单事项不存在或不属于本村', 'rows')
        }
      }
    }
    return transition(ctx, input.applicationId, 'edit', 'application.update', null, input.expectedVersion, (app) => ({
      note: input.note?.trim() ?? app.note,
      rows: rows
        ? app.rows.map((row) => {
            const edit = rows.find((r) => r.criterionId === row.criterionId)
            return edit ? { ...row, ledgerIds: edit.ledgerIds, checklistIds: edit.checklistIds, comment: edit.comment.trim() } : row
          })
        : app.rows,
    }), input.requestId)
  }),
}))

export const submitApplication = viewedBy(viewApplication, defineHandler('application.submit', {
  target: applicationTarget,
  handle: (input, ctx) =>
    editOnce(ctx, 'application.submit', input.requestId, () => transition(ctx, input.applicationId, 'submit', 'application.submit', null, input.expectedVersion, undefined, input.requestId)),
}))

export const reviewApplication = viewedBy(viewApplication, defineHandler('application.review', {
  target: applicationTarget,
  async handle(input, ctx) {
    const comment = input.comment.trim() || null
    const action = `application.${input.decision}`
    return editOnce(ctx, action, input.requestId, () => transition(ctx, input.applicationId, input.decision, action, comment, input.expectedVersion, (app) => ({
      rows: app.rows.map((row) => ({ ...row, reviewComment: input.rowComments?.find((r) => r.criterionId === row.criterionId)?.comment ?? null })),
    }), input.requestId))
  },
}))

export const decideApplication = viewedBy(viewApplication, defineHandler('application.decide', {
  target: applicationTarget,
  handle: (input, ctx) =>
    editOnce(ctx, `application.${input.decision}`, input.requestId, () =>
      transition(ctx, input.applicationId, input.decision, `application.${input.decision}`, input.comment.trim() || null, input.expectedVersion, undefined, input.requestId)),
}))

export const revokeApplication = viewedBy(viewApplication, defineHandler('application.revoke', {
  target: applicationTarget,
  handle: (input, ctx) =>
    editOnce(ctx, 'application.revoke', input.requestId, () => transition(ctx, input.applicationId, 'revoke', 'application.revoke', input.reason, input.expectedVersion, undefined, input.requestId)),
}))

export const getApplicationAction = viewedBy(viewApplication, defineHandler('application.get', {
  target: applicationTarget,
  handle: (input, ctx) => getApplication(ctx.deps.store, input.applicationId),
}))

export const listApplications = viewedBy(viewPage(viewApplication), defineHandler('application.list', {
  async target(input, ctx) {
    if (input.villageId) return { villageId: input.villageId, townshipId: (await getVillage(ctx.deps.store, input.villageId)).townshipId }
    return { townshipId: ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId, star: input.star }
  },
  async handle(input, ctx) {
    let where: Where
    if (input.villageId) {
      if (input.status || input.star) throw invalidInput('按村查询时可按年份筛选，不能按状态或星级筛选')
      where = { villageId: input.villageId, ...(input.year !== undefined ? { year: input.year } : {}) }
    } else {
      if (!input.status) throw invalidInput('全镇查询须指定状态', 'status')
      if (input.year !== undefined) throw invalidInput('全镇查询不能按年份筛选', 'year')
      where = { townshipId: ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId, status: input.status, ...(input.star ? { star: input.star } : {}) }
    }
    if (input.cursor) where.sortKey = { $lt: input.cursor }
    const docs = await ctx.deps.store.find<Stored<Application>>('applications', { where, orderBy: [['sortKey', 'desc']], limit: input.limit + 1 })
    const items = docs.slice(0, input.limit).map((d) => toRecord<Application>(d))
    return { items, nextCursor: docs.length > input.limit ? items[items.length - 1].sortKey : null }
  },
}))
