import type { Village } from '../../types/village'
import type { Target } from '../../types/catalogue'
import type { DashboardRow, Rating } from '../../types/dashboard'
import { STARS } from '../../types/roles'
import type { DocumentStore } from '../../core/store'
import type { AuditStep } from '../../types/audit'
import type { Person } from '../../core/caller'
import { criteriaFor } from '../../core/catalogue-rules'
import { checklistFigures, checklistTallyId, type ChecklistTally } from '../../core/checklist-tally'
import { complianceId, countStatuses, evaluateMonth, type ComplianceYear } from '../../core/compliance'
import { emptyCell, ratingId, type RatingSummary } from '../../core/application-rules'
import { notFound } from '../../core/errors'
import { chinaMonth } from '../../core/time'
import type { AuditEntry } from '../audit'
import type { BoardDoc } from '../publish/board-doc'
import { defineHandler, type ActionContext } from '../action'
import { viewedBy, viewAuditStep, viewPage } from '../people-view'
import { findCatalogue, getChecklistItem, getLedgerEntry, getNotice, getVillage, toRecord, type Stored } from '../repository'
import { getApplication } from './application'
import { latestClosedTour } from './tour'

/** A village's stars and level from its rating summary (none yet: every cell empty, level 0). */
export function ratingOf(villageId: string, year: number, summary: RatingSummary | null | undefined): Rating {
  return {
    villageId,
    year,
    stars: STARS.map((star) => ({ star, ...(summary?.cells[star] ?? emptyCell()) })),
    level: summary?.level ?? 0,
  }
}

/** The month the dashboard shows for `year` when none is asked: this month in the current year, else December (or January ahead). */
export function dashboardMonth(year: number, month: string | undefined, now: Date): string {
  if (month) return month
  const current = chinaMonth(now)
  const y = Number(current.slice(0, 4))
  return year === y ? current : year < y ? `${year}-12` : `${year}-01`
}

// A query answers at most 1000 documents: a month's boards of 32 villages (31 days each) per query.
const BOARD_VILLAGES_PER_QUERY = 32

/** The boards of the month of these villages: one query per 32 villages (two for a page of 50). */
async function monthBoards(store: DocumentStore, ids: string[], month: string): Promise<BoardDoc[]> {
  const chunks: string[][] = []
  for (let i = 0; i < ids.length; i += BOARD_VILLAGES_PER_QUERY) chunks.push(ids.slice(i, i + BOARD_VILLAGES_PER_QUERY))
  const pages = await Promise.all(
    chunks.map((chunk) => store.find<BoardDoc>('boards', { where: { villageId: { $in: chunk }, date: { $gte: `${month}-01`, $lte: `${month}-31` } }, limit: 31 * chunk.length })),
  )
  return pages.flat()
}

const byId = <T extends { _id: string }>(docs: T[]) => new Map(docs.map((d) => [d._id, d]))

/**
 * The grid for a page of villages. Reads: the villages page, then one query each for their rating
 * summaries, targets, compliance summaries, checklist tallies and boards of the month (two for a
 * page of 50), and the catalogue — summaries kept on write, so the same number whatever the number
 * of villages on the page or the size of the ledgers, checklists and application histories.
 */
export async function dashboardRows(store: DocumentStore, villages: Village[], townshipId: string, year: number, month: string, today: string, now: Date): Promise<DashboardRow[]> {
  if (villages.length === 0) return []
  const ids = villages.map((v) => v.id)
  const n = ids.length
  const [ratings, targets, compliance, boards, catalogue, tallies] = await Promise.all([
    store.find<RatingSummary>('ratings', { where: { _id: { $in: ids.map((id) => ratingId(id, year)) } }, limit: n }),
    store.find<Stored<Target>>('targets', { where: { _id: { $in: ids.map((id) => `${id}_${year}`) } }, limit: n }),
    store.find<ComplianceYear>('compliance', { where: { _id: { $in: ids.map((id) => complianceId(id, year)) } }, limit: n }),
    monthBoards(store, ids, month),
    findCatalogue(store, townshipId, year),
    store.find<ChecklistTally>('checklistTallies', { where: { _id: { $in: ids.map(checklistTallyId) } }, limit: n }),
  ])
  const currentMonth = chinaMonth(now)
  const tallyById = byId(tallies)
  const ratingById = byId(ratings)
  const targetById = byId(targets)
  const complianceById = byId(compliance)
  const criteria = catalogue ? criteriaFor(catalogue, month) : []
  const rows = villages.map((village): Omit<DashboardRow, 'rank'> => {
    const items = catalogue ? evaluateMonth(criteria, complianceById.get(complianceId(village.id, year)) ?? null, month, today) : []
    const counts = countStatuses(items)
    const target = targetById.get(`${village.id}_${year}`)
    const own = boards.filter((b) => b.villageId === village.id)
    return {
      ...ratingOf(village.id, year, ratingById.get(ratingId(village.id, year))),
      villageName: village.name,
      order: village.order,
      target: target ? { level: target.level, stars: target.stars } : null,
      compliance: counts,
      complianceRate: items.length ? counts.done / items.length : 0,
      checklist: checklistFigures(tallyById.get(checklistTallyId(village.id)), currentMonth),
      praise: own.reduce((sum, b) => sum + b.praiseCount, 0),
      criticism: own.reduce((sum, b) => sum + b.criticismCount, 0),
    }
  })
  return rankRows(rows)
}

/** 排名: by level, then compliance rate, then fewer overdue checklist items, then the township's order. */
export function rankRows(rows: Array<Omit<DashboardRow, 'rank'>>): DashboardRow[] {
  const ranked = [...rows].sort(
    (a, b) => b.level - a.level || b.complianceRate - a.complianceRate || a.checklist.overdue - b.checklist.overdue || a.order - b.order,
  )
  const rank = new Map(ranked.map((r, i) => [r.villageId, i + 1]))
  return rows.map((r) => ({ ...r, rank: rank.get(r.villageId) ?? 0 }))
}

const callerTownship = (ctx: ActionContext) => ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId

export const getDashboard = defineHandler('dashboard.get', {
  async target(input, ctx) {
    if (input.villageId) return { villageId: input.villageId, townshipId: (await getVillage(ctx.deps.store, input.villageId)).townshipId }
    return { townshipId: callerTownship(ctx) }
  },
  async handle(input, ctx) {
    const month = dashboardMonth(input.year, input.month, ctx.now)
    let villages: Village[]
    let nextCursor: string | null = null
    if (input.villageId) {
      villages = [await getVillage(ctx.deps.store, input.villageId)]
    } else {
      const after = input.cursor ? Number(input.cursor) : -1
      const docs = await ctx.deps.store.find<Stored<Village>>('villages', {
        where: { townshipId: callerTownship(ctx), order: { $gt: Number.isFinite(after) ? after : -1 } },
        orderBy: [['order', 'asc']],
        limit: input.limit + 1,
      })
      villages = docs.slice(0, input.limit).map((d) => toRecord<Village>(d))
      nextCursor = docs.length > input.limit ? String(villages[villages.length - 1].order) : null
    }
    const townshipId = villages[0]?.townshipId ?? callerTownship(ctx)
    // The township grid's first page also shows the latest tour's ranking (one more query, stored on close).
    const [rows, latestTour] = await Promise.all([
      dashboardRows(ctx.deps.store, villages, townshipId, input.year, month, ctx.today, ctx.now),
      input.villageId || input.cursor ? Promise.resolve(undefined) : latestClosedTour(ctx.deps.store, townshipId),
    ])
    return { year: input.year, month, rows, nextCursor, ...(latestTour !== undefined ? { latestTour } : {}) }
  },
})

export const getRating = defineHandler('rating.get', {
  async handle(input, ctx) {
    const summary = await ctx.deps.store.get<RatingSummary>('ratings', ratingId(input.villageId, input.year))
    if (!summary) await getVillage(ctx.deps.store, input.villageId) // an unknown village is NOT_FOUND, a village without applications is level 0
    return ratingOf(input.villageId, input.year, summary)
  },
})

/** The village and township of an audited record, for the permission check. */
async function auditedRecord(entity: string, id: string, ctx: ActionContext): Promise<{ villageId: string; townshipId: string }> {
  const store = ctx.deps.store
  switch (entity) {
    case 'application': return getApplication(store, id)
    case 'ledger': return getLedgerEntry(store, id)
    case 'checklist': return getChecklistItem(store, id)
    case 'notice': return getNotice(store, id)
    default: throw notFound()
  }
}

const commentOf = (after: unknown): string | null => {
  if (!after || typeof after !== 'object') return null
  const a = after as Record<string, unknown>
  const value = a.lastComment ?? a.reviewComment ?? null
  return typeof value === 'string' ? value : null
}

export const listAudit = viewedBy(viewPage(viewAuditStep), defineHandler('audit.list', {
  async target(input, ctx) {
    const record = await auditedRecord(input.entity, input.entityId, ctx)
    return { villageId: record.villageId, townshipId: record.townshipId }
  },
  async handle(input, ctx) {
    const docs = await ctx.deps.store.find<AuditEntry>('audit', {
      where: { entityId: input.entityId, ...(input.cursor ? { at: { $gt: input.cursor } } : {}) },
      orderBy: [['at', 'asc']],
      limit: input.limit + 1,
    })
    const page = docs.slice(0, input.limit)
    const actors = [...new Set(page.map((d) => d.actor))]
    const people = actors.length ? await ctx.deps.store.find<Person>('people', { where: { _id: { $in: actors } }, limit: actors.length }) : []
    const names = new Map(people.map((p) => [p._id, p.name]))
    const items: AuditStep[] = page
      .filter((d) => d.entity === input.entity)
      .map((d) => ({
        id: d._id,
        at: d.at,
        actor: d.actor,
        actorName: names.get(d.actor) ?? '系统',
        action: d.action,
        status: ((d.after as { status?: unknown } | null)?.status as string | undefined) ?? null,
        comment: commentOf(d.after),
      }))
    return { items, nextCursor: docs.length > input.limit ? page[page.length - 1].at : null }
  },
}))
