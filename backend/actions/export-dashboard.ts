import type { Village } from '../../types/village'
import type { DashboardRow } from '../../types/dashboard'
import { CELL_STATE_NAMES } from '../../types/dashboard'
import { STAR_NAMES, STARS } from '../../types/roles'
import { DomainError } from '../../core/errors'
import { defineHandler } from '../action'
import { toRecord, type Stored } from '../repository'
import { dashboardMonth, dashboardRows } from './dashboard'
import { newWorkbook } from '../xlsx'

const PAGE = 50
/** The symbol printed in each cell, so the sheet reads in black and white too. */
export const CELL_SYMBOLS = { approved: '★', revoked: '✕', recommended: '◎', reviewing: '…', returned: '↩', none: '—' } as const
const FILLS = { approved: 'FFF6C343', revoked: 'FF9E9E9E', recommended: 'FF8BC34A', reviewing: 'FF64B5F6', returned: 'FFFF8A65', none: 'FFFFFFFF' } as const

export const DASHBOARD_HEADER = ['排名', '村', ...STARS.map((s) => STAR_NAMES[s]), '星级', '目标', '台账达标', '清单 完成/总数', '清单逾期', '表扬', '曝光'] as const

/** The grid as the township's monthly meeting prints it: one row per village, in the township's order. */
export async function dashboardWorkbook(title: string, rows: DashboardRow[]): Promise<Buffer> {
  const book = await newWorkbook()
  const sheet = book.addWorksheet('督导看板', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' } })
  sheet.mergeCells(1, 1, 1, DASHBOARD_HEADER.length)
  sheet.getCell(1, 1).value = title
  sheet.getCell(1, 1).font = { bold: true, size: 14 }
  sheet.getCell(1, 1).alignment = { horizontal: 'center' }
  sheet.addRow([...DASHBOARD_HEADER]).font = { bold: true }
  ;[6, 12, 12, 12, 12, 12, 12, 6, 6, 12, 14, 9, 6, 6].forEach((w, i) => (sheet.getColumn(i + 1).width = w))
  for (const r of rows) {
    const row = sheet.addRow([
      r.rank, r.villageName,
      ...r.stars.map((c) => `${CELL_SYMBOLS[c.state]} ${CELL_STATE_NAMES[c.state]}`),
      r.level, r.target?.level ?? '', `${r.compliance.done}/${r.compliance.done + r.compliance.pending + r.compliance.missing + r.compliance.overdue}`,
      `${r.checklist.done}/${r.checklist.total}`, r.checklist.overdue, r.praise, r.criticism,
    ])
    r.stars.forEach((c, i) => {
      row.getCell(3 + i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[c.state] } }
    })
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

export const exportDashboard = defineHandler('export.dashboard', {
  target: (_input, ctx) => ({ townshipId: ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId }),
  async handle(input, ctx) {
    if (!ctx.deps.files) throw new DomainError('INTERNAL', '本环境未配置文件存储，无法导出')
    const townshipId = ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId
    const month = dashboardMonth(input.year, input.month, ctx.now)
    const rows: DashboardRow[] = []
    let after = -1
    for (;;) {
      const docs = await ctx.deps.store.find<Stored<Village>>('villages', { where: { townshipId, order: { $gt: after } }, orderBy: [['order', 'asc']], limit: PAGE })
      const villages = docs.map((d) => toRecord<Village>(d))
      rows.push(...(await dashboardRows(ctx.deps.store, villages, townshipId, input.year, month, ctx.today, ctx.now)))
      if (docs.length < PAGE) break
      after = villages[villages.length - 1].order
    }
    // The ranking over the whole township, not page by page.
    const ranked = [...rows].sort((a, b) => b.level - a.level || b.complianceRate - a.complianceRate || a.checklist.overdue - b.checklist.overdue || a.order - b.order)
    ranked.forEach((r, i) => (r.rank = i + 1))
    const township = await ctx.deps.store.get<{ _id: string; name: string }>('townships', townshipId)
    const fileName = `${township?.name ?? townshipId}五星支部督导看板 ${month}.xlsx`
    const url = await ctx.deps.files.saveExport(fileName, await dashboardWorkbook(`${township?.name ?? ''}“五星”支部创建督导看板（${input.year} 年，${month}）`, rows))
    return { url, fileName, rows: rows.length }
  },
})
