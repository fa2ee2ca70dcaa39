import type { WeeklyFigures } from './weekly'

/** The figures a weekly report shows (page and sheet), in column order, with their Chinese headers (zod-free, for pages). */
export const WEEKLY_FIGURE_COLUMNS: Array<[keyof WeeklyFigures, string]> = [
  ['submitted', '台账提交'], ['verified', '台账核实'], ['returned', '台账退回'], ['checklistClosed', '清单销号'],
  ['checklistOverdue', '清单新增逾期'], ['applicationsMoved', '申报办理'], ['behind', '未达标项'],
]
