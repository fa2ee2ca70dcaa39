import type { Tour, TourSheet, TourView } from '../../types/tour'
import type { Village } from '../../types/village'
import type { DocumentStore, TxStore } from '../../core/store'
import type { ChecklistTally } from '../../core/checklist-tally'
import { DomainError, invalidInput, notFound } from '../../core/errors'
import { DEFAULT_TOUR_CRITERIA, checkScore, closeTour, ownVillages, rankStops, stopResult, tourSheetId } from '../../core/tour-rules'
import { criteriaFor } from '../../core/catalogue-rules'
import { checklistFigures, checklistTallyId } from '../../core/checklist-tally'
import { complianceId, countStatuses, evaluateMonth, type ComplianceYear } from '../../core/compliance'
import { ratingId, type RatingSummary } from '../../core/application-rules'
import { effectiveGrants } from '../../core/caller'
import { addMonths, chinaMonth } from '../../core/time'
import { callerName, callerOpenid, defineHandler, type ActionContext } from '../action'
import { appendAudit } from '../audit'
import { creationId, createOnce, editOnce, recordEdit } from '../create-once'
import { changeVersioned } from '../versioned-change'
import { writeChecklistItems } from '../checklist-writes'
import { openidView } from '../people-view'
import { findCatalogue, getChecklistItem, getVillage, toDoc, toRecord, type Stored } from '../repository'
import { newWorkbook } from '../xlsx'
import { newItem, ownerOf } from './checklist'
import { ratingOf } from './dashboard'

/** At most 12 stops × ~40 participants: one query reads every sheet of a tour. */
const MAX_SHEETS = 1000
/** 资料查阅 shows the ledger compliance of the tour's month and the two before it. */
const EVIDENCE_MONTHS = 3

export async function getTour(store: TxStore, id: string): Promise<Tour> {
  const doc = await store.get<Stored<Tour>>('tours', id)
  if (!doc) throw notFound('观摩活动不存在')
  return toRecord<Tour>(doc)
}

export async function getTourSheet(store: TxStore, id: string): Promise<TourSheet> {
  const doc = await store.get<Stored<TourSheet>>('tourSheets', id)
  if (!doc) throw notFound('评分表不存在')
  return toRecord<TourSheet>(doc)
}

export async function tourSheets(store: DocumentStore, tourId: string): Promise<TourSheet[]> {
  const docs = await store.find<Stored<TourSheet>>('tourSheets', { where: { tourId }, limit: MAX_SHEETS })
  return docs.map((d) => toRecord<TourSheet>(d))
}

const callerTownship = (ctx: ActionContext) => ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId
const tourTarget = async (input: { tourId: string }, ctx: ActionContext) => ({ townshipId: (await getTour(ctx.deps.store, input.tourId)).townshipId })

export const createTour = defineHandler('tour.create', {
  async target(input, ctx) {
    return { townshipId: (await getVillage(ctx.deps.store, input.route[0])).townshipId }
  },
  async handle(input, ctx) {
    const docs = await ctx.deps.store.find<Stored<Village>>('villages', { where: { _id: { $in: input.route } }, limit: input.route.length })
    const villages = new Map(docs.map((d) => [d._id, toRecord<Village>(d)]))
    // The permission target was the first village's township: every stop must be of it.
    const townshipId = villages.get(input.route[0])?.townshipId ?? ''
    input.route.forEach((id, i) => {
      const village = villages.get(id)
      if (!village || village.townshipId !== townshipId || village.archived) throw invalidInput('观摩路线中有不属于本镇的村', `route.${i}`)
    })
    const id = creationId(ctx, input.requestId)
    const at = ctx.now.toISOString()
    const tour: Tour = {
      id, townshipId, quarter: input.quarter, date: input.date,
      title: input.title ?? `${input.quarter.replace('-Q', ' 年第 ')} 季度观摩`,
      criteria: input.criteria ?? DEFAULT_TOUR_CRITERIA,
      stops: input.route.map((v) => ({ villageId: v, villageName: villages.get(v)!.name, status: 'open', closedAt: null })),
      status: 'open', createdBy: callerOpenid(ctx), createdByName: callerName(ctx), createdAt: at, closedAt: null, ranking: null,
      sortKey: `${input.date}_${id}`, version: 1,
    }
    const create = () =>
      ctx.deps.store.transaction(async (tx) => {
        await tx.insert('tours', { ...toDoc(tour) })
        await appendAudit(tx, { townshipId, at, actor: tour.createdBy, action: 'tour.create', entity: 'tour', entityId: id, before: null, after: tour, version: 1 })
        return tour
      })
    return createOnce(ctx, 'tours', id, create, getTour)
  },
})

export const scoreTour = defineHandler('tour.score', {
  target: tourTarget,
  handle: (input, ctx) =>
    editOnce(ctx, 'tour.score', input.requestId, () =>
      ctx.deps.store.transaction(async (tx) => {
        const tour = await getTour(tx, input.tourId)
        checkScore(tour, input.villageId, ctx.caller.person, input.points)
        const scorerId = callerOpenid(ctx)
        const id = tourSheetId(tour.id, input.villageId, scorerId)
        const at = ctx.now.toISOString()
        const stored = await tx.get<Stored<TourSheet>>('tourSheets', id)
        const sheet: TourSheet = {
          id, tourId: tour.id, villageId: input.villageId, scorerId, scorerName: callerName(ctx), points: input.points,
          total: input.points.reduce((a, b) => a + b, 0), comment: input.comment ?? null, checklistItemId: null,
          createdAt: stored?.createdAt ?? at, updatedAt: at,
        }
        // One sheet per person per stop: a re-score replaces it.
        if (stored) await tx.patch('tourSheets', id, { points: sheet.points, total: sheet.total, comment: sheet.comment, scorerName: sheet.scorerName, updatedAt: at })
        else await tx.insert('tourSheets', { ...toDoc(sheet) })
        await recordEdit(tx, ctx, 'tour.score', input.requestId, sheet)
        return sheet
      }),
    ),
})

export const closeTourAction = defineHandler('tour.close', {
  target: tourTarget,
  async handle(input, ctx) {
    // Read before the transaction (queries are not allowed in one); the version check inside refuses a tour that moved meanwhile.
    const sheets = await tourSheets(ctx.deps.store, input.tourId)
    const action = input.villageId ? 'tour.closeStop' : 'tour.close'
    // A retry after a lost answer (same request id) answers the first close, not "已结束".
    return editOnce(ctx, action, input.requestId, () => changeVersioned<Tour>(ctx, {
      entity: 'tour', id: input.tourId, action, expectedVersion: input.expectedVersion, requestId: input.requestId,
      load: getTour,
      staleMessage: () => '观摩活动已被他人修改，请刷新后重试',
      next(before) {
        const closed = { ...before, ...closeTour(before, input.villageId, ctx.now.toISOString()) }
        return { ...closed, ranking: closed.status === 'closed' ? rankStops(closed, sheets) : null }
      },
      write: (tx, _before, after) => tx.patch('tours', after.id, { stops: after.stops, status: after.status, closedAt: after.closedAt, ranking: after.ranking, version: after.version }),
    }))
  },
})

/** 资料查阅 of the stops' villages: rating, compliance summary, checklist tally (one query each) and the catalogue. */
async function stopEvidence(store: DocumentStore, tour: Tour, today: string, now: Date) {
  const ids = tour.stops.map((s) => s.villageId)
  const year = Number(tour.date.slice(0, 4))
  const [ratings, compliance, tallies, catalogue] = await Promise.all([
    store.find<RatingSummary>('ratings', { where: { _id: { $in: ids.map((id) => ratingId(id, year)) } }, limit: ids.length }),
    store.find<ComplianceYear>('compliance', { where: { _id: { $in: ids.map((id) => complianceId(id, year)) } }, limit: ids.length }),
    store.find<ChecklistTally>('checklistTallies', { where: { _id: { $in: ids.map(checklistTallyId) } }, limit: ids.length }),
    findCatalogue(store, tour.townshipId, year),
  ])
  const lastMonth = tour.date.slice(0, 7)
  const months = Array.from({ length: EVIDENCE_MONTHS }, (_, i) => addMonths(lastMonth, i - EVIDENCE_MONTHS + 1)).filter((m) => m.startsWith(String(year)))
  const currentMonth = chinaMonth(now)
  return new Map(
    ids.map((id) => {
      const summary = compliance.find((c) => c._id === complianceId(id, year)) ?? null
      const rating = ratingOf(id, year, ratings.find((r) => r._id === ratingId(id, year)))
      return [id, {
        year, stars: rating.stars, level: rating.level,
        months: months.map((month) => ({ month, ...countStatuses(catalogue ? evaluateMonth(criteriaFor(catalogue, month), summary, month, today) : []) })),
        checklist: checklistFigures(tallies.find((t) => t._id === checklistTallyId(id)), currentMonth),
      }] as const
    }),
  )
}

/** Whether the caller takes part in scoring (a leader or a village secretary of the tour's township). */
const isParticipant = (ctx: ActionContext, tour: Tour) =>
  ctx.caller.person?.townshipId === tour.townshipId && effectiveGrants(ctx.caller.person).some((g) => g.role === 'leader' || g.role === 'secretary')

export const getTourAction = defineHandler('tour.get', {
  target: tourTarget,
  async handle(input, ctx) {
    const tour = await getTour(ctx.deps.store, input.tourId)
    const [sheets, evidence, view] = await Promise.all([tourSheets(ctx.deps.store, tour.id), stopEvidence(ctx.deps.store, tour, ctx.today, ctx.now), openidView(ctx)])
    const me = ctx.caller.openid
    const seen = (s: TourSheet): TourSheet => ({ ...s, scorerId: view(s.scorerId) })
    const own = ownVillages(ctx.caller.person)
    const view_: TourView = {
      ...tour,
      ranking: tour.status === 'closed' ? rankStops(tour, sheets) : null,
      stops: tour.stops.map((stop) => {
        const mine = sheets.filter((s) => s.villageId === stop.villageId)
        const closed = stop.status === 'closed'
        return {
          ...stop,
          evidence: evidence.get(stop.villageId)!,
          sheets: mine.length,
          mine: (() => { const m = mine.find((s) => s.scorerId === me); return m ? seen(m) : null })(),
          canScore: !closed && tour.status === 'open' && isParticipant(ctx, tour) && !own.includes(stop.villageId),
          result: closed ? { villageId: stop.villageId, villageName: stop.villageName, ...stopResult(tour.criteria, mine) } : null,
          comments: closed ? mine.filter((s) => s.comment).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(seen) : null,
        }
      }),
    }
    return view_
  },
})

export const listTours = defineHandler('tour.list', {
  target: (_input, ctx) => ({ townshipId: callerTownship(ctx) }),
  async handle(input, ctx) {
    const docs = await ctx.deps.store.find<Stored<Tour>>('tours', {
      where: { townshipId: callerTownship(ctx), ...(input.cursor ? { sortKey: { $lt: input.cursor } } : {}) },
      orderBy: [['sortKey', 'desc']],
      limit: input.limit + 1,
    })
    const items = docs.slice(0, input.limit).map((d) => {
      const { ranking: _ranking, ...rest } = toRecord<Tour>(d)
      return rest
    })
    return { items, nextCursor: docs.length > input.limit ? items[items.length - 1].sortKey : null }
  },
})

/** The latest closed tour of a township, as the dashboard shows it (one query). */
export async function latestClosedTour(store: DocumentStore, townshipId: string) {
  const [doc] = await store.find<Stored<Tour>>('tours', { where: { townshipId, status: 'closed' }, orderBy: [['sortKey', 'desc']], limit: 1 })
  if (!doc) return null
  const tour = toRecord<Tour>(doc)
  return { tourId: tour.id, title: tour.title, quarter: tour.quarter, date: tour.date, ranking: tour.ranking ?? [] }
}

export const tourToChecklist = defineHandler('tour.toChecklist', {
  target: tourTarget,
  async handle(input, ctx) {
    const tour = await getTour(ctx.deps.store, input.tourId)
    const sheet = await getTourSheet(ctx.deps.store, input.sheetId)
    if (sheet.tourId !== tour.id) throw invalidInput('该评分表不属于本次观摩', 'sheetId')
    const text = input.text ?? (sheet.comment ? `观摩点评：${sheet.comment}`.slice(0, 200) : null)
    if (!text) throw invalidInput('该评分没有点评，请填写清单内容', 'text')
    const village = await getVillage(ctx.deps.store, sheet.villageId)
    const owner = await ownerOf(ctx, { ownerRef: input.ownerRef }, village.id)
    const item = newItem(ctx, creationId(ctx, input.requestId), { townshipId: village.townshipId, villageId: village.id, star: input.star, criterionId: null, text, owner, dueMonth: input.dueMonth })
    if (sheet.checklistItemId) {
      if (sheet.checklistItemId === item.id) return getChecklistItem(ctx.deps.store, item.id)
      throw new DomainError('CONFLICT', '这条点评已转为提升清单事项')
    }
    const create = () =>
      ctx.deps.store.transaction(async (tx) => {
        const current = await getTourSheet(tx, sheet.id)
        if (current.checklistItemId) throw new DomainError('CONFLICT', '这条点评已转为提升清单事项')
        await writeChecklistItems(tx, [{ before: null, after: item }])
        await tx.patch('tourSheets', sheet.id, { checklistItemId: item.id })
        await appendAudit(tx, { townshipId: item.townshipId, at: item.createdAt, actor: item.createdBy, action: 'tour.toChecklist', entity: 'checklist', entityId: item.id, before: null, after: item, version: 1 })
        return item
      })
    return createOnce(ctx, 'checklist', item.id, create, getChecklistItem)
  },
})

export const TOUR_HEADER = ['名次', '村', '平均分', '最高分', '最低分', '极差', '评分人数'] as const

export const exportTour = defineHandler('export.tour', {
  target: tourTarget,
  async handle(input, ctx) {
    if (!ctx.deps.files) throw new DomainError('INTERNAL', '本环境未配置文件存储，无法导出')
    const tour = await getTour(ctx.deps.store, input.tourId)
    const sheets = await tourSheets(ctx.deps.store, tour.id)
    // Every stop, closed or not: the table as it stands.
    const ranking = rankStops({ ...tour, stops: tour.stops.map((s) => ({ ...s, status: 'closed' as const })) }, sheets)
    const book = await newWorkbook()
    const summary = book.addWorksheet('排名', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
    summary.addRow([`${tour.title}（${tour.date}）评分汇总`]).font = { bold: true, size: 14 }
    summary.addRow([...TOUR_HEADER, ...tour.criteria.map((c) => `${c.name}（${c.max}）`)]).font = { bold: true }
    for (const r of ranking) summary.addRow([r.rank, r.villageName, r.mean, r.max, r.min, r.spread, r.scorers, ...r.criterionMeans])
    const detail = book.addWorksheet('评分明细')
    detail.addRow(['村', '评分人', ...tour.criteria.map((c) => c.name), '总分', '点评']).font = { bold: true }
    const names = new Map(tour.stops.map((s) => [s.villageId, s.villageName]))
    for (const stop of tour.stops) {
      for (const s of sheets.filter((x) => x.villageId === stop.villageId)) detail.addRow([names.get(s.villageId) ?? s.villageId, s.scorerName, ...s.points, s.total, s.comment ?? ''])
    }
    const fileName = `${tour.title}评分表.xlsx`
    const url = await ctx.deps.files.saveExport(fileName, Buffer.from(await book.xlsx.writeBuffer()))
    return { url, fileName, rows: ranking.length }
  },
})
