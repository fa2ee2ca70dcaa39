import type { Village } from '../../types/village'
import type { Star } from '../../types/roles'
import { STAR_NAMES } from '../../types/roles'
import type { WeeklyFigures, WeeklyReport, WeeklyRow } from '../../types/weekly'
import { WEEKLY_FIGURE_COLUMNS } from '../../types/weekly-labels'
import type { DocumentStore } from '../../core/store'
import type { Catalogue } from '../../types/catalogue'
import { DomainError, invalidInput } from '../../core/errors'
import { criteriaFor } from '../../core/catalogue-rules'
import { complianceId, evaluateMonth, type ComplianceYear } from '../../core/compliance'
import { checklistTallyId, type ChecklistTally } from '../../core/checklist-tally'
import {
  behindCount, figuresOf, monthFallingDueIn, orderRows, previousWeekKey, starMonthKey, sumFigures, weekFromKey, weeklyReportId, weeklyTallyId,
  type WeeklyTally,
} from '../../core/weekly-report'
import { isoWeekOf } from '../../core/time'
import { defineHandler, callerName, callerOpenid, type ActionContext } from '../action'
import { appendAudit } from '../audit'
import { editOnce, recordEdit } from '../create-once'
import { findCatalogue, type Stored } from '../repository'
import { newWorkbook } from '../xlsx'

/** A township has a few dozen villages: one query reads them all (archived ones are left out of the report). */
const MAX_VILLAGES = 200

const callerTownship = (ctx: ActionContext) => ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId

/** A closed week as stored in `weeklyReports`: the report as it stood when the 专班 closed it. */
type StoredReport = WeeklyReport & { _id: string; closedBy: string }

/**
 * The report of a week computed from the kept tallies. Reads, whatever the size of the ledgers,
 * checklists and applications: the villages, then one query each for their weekly tallies (this
 * week and last), compliance summaries and checklist tallies, and the catalogue of each year the
 * two weeks count toward (one, or two across New Year) — six or seven in all.
 */
export async function computeWeeklyReport(store: DocumentStore, townshipId: string, star: Star, weekKey: string, today: string, now: Date): Promise<WeeklyReport> {
  const week = weekFromKey(weekKey)
  if (week.key !== weekKey) throw invalidInput('该年没有这一周', 'week')
  if (week.monday > today) throw invalidInput('这一周还没有开始', 'week')
  const prev = weekFromKey(previousWeekKey(weekKey))
  const docs = await store.find<Stored<Village> & { archived?: boolean }>('villages', { where: { townshipId }, orderBy: [['order', 'asc']], limit: MAX_VILLAGES })
  const villages = docs.filter((d) => !d.archived)
  const ids = villages.map((v) => v._id)
  const years = [...new Set([week.month, prev.month].map((m) => Number(m.slice(0, 4))))]
  const [tallies, compliance, checklist, ...catalogues] = ids.length === 0 ? [[], [], []] as const : await Promise.all([
    store.find<WeeklyTally>('weeklyTallies', { where: { _id: { $in: ids.flatMap((id) => [weeklyTallyId(id, week.key), weeklyTallyId(id, prev.key)]) } }, limit: ids.length * 2 }),
    store.find<ComplianceYear>('compliance', { where: { _id: { $in: ids.flatMap((id) => years.map((y) => complianceId(id, y))) } }, limit: ids.length * years.length }),
    store.find<ChecklistTally>('checklistTallies', { where: { _id: { $in: ids.map(checklistTallyId) } }, limit: ids.length }),
    ...years.map((y) => findCatalogue(store, townshipId, y)),
  ])
  const catalogueOf = new Map<number, Catalogue | null>(years.map((y, i) => [y, (catalogues[i] as Catalogue | null | undefined) ?? null]))
  const tallyById = new Map(tallies.map((t) => [t._id, t]))
  const complianceById = new Map(compliance.map((c) => [c._id, c]))
  const checklistById = new Map(checklist.map((c) => [c._id, c]))

  const figuresFor = (villageId: string, w: typeof week): WeeklyFigures => {
    const year = Number(w.month.slice(0, 4))
    const catalogue = catalogueOf.get(year) ?? null
    const asOf = w.sunday < today ? w.sunday : today
    const items = catalogue ? evaluateMonth(criteriaFor(catalogue, w.month).filter((c) => c.star === star), complianceById.get(complianceId(villageId, year)) ?? null, w.month, asOf) : []
    const fallingDue = monthFallingDueIn(w)
    const open = checklistById.get(checklistTallyId(villageId))?.openByStarMonth ?? {}
    const newlyOverdue = fallingDue ? open[starMonthKey(star, fallingDue)] ?? 0 : 0
    return figuresOf(tallyById.get(weeklyTallyId(villageId, w.key)), star, newlyOverdue, behindCount(items))
  }
  const rows = villages.map((v): WeeklyRow & { order: number } => ({
    villageId: v._id, villageName: v.name, order: v.order, current: figuresFor(v._id, week), previous: figuresFor(v._id, prev),
  }))
  return {
    townshipId, star, week: week.key, monday: week.monday, sunday: week.sunday, previousWeek: prev.key,
    rows: orderRows(rows),
    totals: { current: sumFigures(rows.map((r) => r.current)), previous: sumFigures(rows.map((r) => r.previous)) },
    behindVillages: rows.filter((r) => r.current.behind > 0).map((r) => r.villageName),
    status: 'open', issues: '', nextSteps: '', closedAt: null, closedByName: null, computedAt: now.toISOString(),
  }
}

const withoutStorage = ({ _id, closedBy, ...report }: StoredReport): WeeklyReport => report

/** The week's report: the frozen snapshot once closed, else computed now. */
async function reportOf(ctx: ActionContext, star: Star, week: string | undefined): Promise<WeeklyReport> {
  const townshipId = callerTownship(ctx)
  const key = week ?? isoWeekOf(ctx.today).key
  const closed = await ctx.deps.store.get<StoredReport>('weeklyReports', weeklyReportId(townshipId, star, key))
  if (closed) return withoutStorage(closed)
  return computeWeeklyReport(ctx.deps.store, townshipId, star, key, ctx.today, ctx.now)
}

const reportTarget = (input: { star: Star }, ctx: ActionContext) => ({ townshipId: callerTownship(ctx), star: input.star })

export const getWeeklyReport = defineHandler('report.weekly', {
  target: reportTarget,
  handle: (input, ctx) => reportOf(ctx, input.star, input.week),
})

/**
 * 专题会 closes the week: the 专班 adds 存在问题 and 下周安排 and the report is stored as it stands, so
 * later edits of records do not change it. Once per week and star; a retry with the same request
 * id answers the first result, another close gets CONFLICT.
 */
export const closeWeeklyReport = defineHandler('report.close', {
  target: reportTarget,
  handle: (input, ctx) => editOnce(ctx, 'report.close', input.requestId, async () => {
    const townshipId = callerTownship(ctx)
    const id = weeklyReportId(townshipId, input.star, input.week)
    const taken = () => new DomainError('CONFLICT', '本周专题会报告已关闭，不能再修改')
    if (await ctx.deps.store.get('weeklyReports', id)) throw taken()
    const computed = await computeWeeklyReport(ctx.deps.store, townshipId, input.star, input.week, ctx.today, ctx.now)
    const at = ctx.now.toISOString()
    const report: WeeklyReport = { ...computed, status: 'closed', issues: input.issues, nextSteps: input.nextSteps, closedAt: at, closedByName: callerName(ctx) }
    return ctx.deps.store.transaction(async (tx) => {
      if (await tx.get('weeklyReports', id)) throw taken()
      await tx.insert('weeklyReports', { _id: id, ...report, closedBy: callerOpenid(ctx) })
      await appendAudit(tx, { townshipId, at, actor: callerOpenid(ctx), action: 'report.close', entity: 'weeklyReport', entityId: id, before: null, after: { issues: report.issues, nextSteps: report.nextSteps }, version: 1 })
      await recordEdit(tx, ctx, 'report.close', input.requestId, report)
      return report
    })
  }),
})

/** The report as the meeting prints it: one row per village, this week's figures then last week's. */
export async function weeklyWorkbook(title: string, report: WeeklyReport): Promise<Buffer> {
  const book = await newWorkbook()
  const sheet = book.addWorksheet('专题会周报', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  const header = ['村', ...WEEKLY_FIGURE_COLUMNS.map(([, name]) => `本周${name}`), ...WEEKLY_FIGURE_COLUMNS.map(([, name]) => `上周${name}`)]
  sheet.mergeCells(1, 1, 1, header.length)
  sheet.getCell(1, 1).value = title
  sheet.getCell(1, 1).font = { bold: true, size: 14 }
  sheet.addRow(header).font = { bold: true }
  sheet.getColumn(1).width = 12
  const line = (name: string, current: WeeklyFigures, previous: WeeklyFigures) =>
    sheet.addRow([name, ...WEEKLY_FIGURE_COLUMNS.map(([k]) => current[k]), ...WEEKLY_FIGURE_COLUMNS.map(([k]) => previous[k])])
  for (const r of report.rows) line(r.villageName, r.current, r.previous)
  line('合计', report.totals.current, report.totals.previous).font = { bold: true }
  sheet.addRow([])
  sheet.addRow(['未达标村', report.behindVillages.join('、') || '无'])
  sheet.addRow(['存在问题', report.issues || '（未关闭）'])
  sheet.addRow(['下周安排', report.nextSteps || '（未关闭）'])
  if (report.closedAt) sheet.addRow(['关闭', `${report.closedByName ?? ''} ${report.closedAt}`])
  return Buffer.from(await book.xlsx.writeBuffer())
}

export const exportWeeklyReport = defineHandler('export.weekly', {
  target: reportTarget,
  async handle(input, ctx) {
    if (!ctx.deps.files) throw new DomainError('INTERNAL', '本环境未配置文件存储，无法导出')
    const report = await reportOf(ctx, input.star, input.week)
    const township = await ctx.deps.store.get<{ _id: string; name: string }>('townships', report.townshipId)
    const fileName = `${township?.name ?? report.townshipId}${STAR_NAMES[input.star]}专班周报 ${report.week}.xlsx`
    const title = `${township?.name ?? ''}${STAR_NAMES[input.star]}工作专班专题会周报（${report.monday} 至 ${report.sunday}）`
    const url = await ctx.deps.files.saveExport(fileName, await weeklyWorkbook(title, report))
    return { url, fileName, rows: report.rows.length }
  },
})
