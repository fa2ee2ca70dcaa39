import { z } from 'zod'
import { ZId, ZPageLimit } from './common'
import { ZStar } from './roles'
import { ZMonth, ZYear } from './catalogue'
import { ZApplicationStatus } from './application'
import { ZLatestTour } from './tour'

/** What a grid cell shows: the state of the village's latest application for that star and year. */
export const CELL_STATES = ['approved', 'revoked', 'recommended', 'reviewing', 'returned', 'none'] as const
export const ZCellState = z.enum(CELL_STATES)
export type CellState = z.infer<typeof ZCellState>
export const CELL_STATE_NAMES: Record<CellState, string> = {
  approved: '已授星',
  revoked: '已摘星',
  recommended: '已推荐',
  reviewing: '审核中',
  returned: '已退回',
  none: '未申报',
}

export const ZStarCell = z.object({ state: ZCellState, status: ZApplicationStatus.nullable(), applicationId: z.string().nullable() })
export type StarCell = z.infer<typeof ZStarCell>

/** A village's stars for a year (everyone sees these). */
export const ZRating = z.object({
  villageId: z.string(),
  year: z.number().int(),
  /** Keyed by star 1..5. */
  stars: z.array(ZStarCell.extend({ star: ZStar })),
  /** Stars approved and not revoked. */
  level: z.number().int(),
})
export type Rating = z.infer<typeof ZRating>

export const ZDashboardGet = z.object({
  year: ZYear,
  /** Month of the figures (defaults to the current month for the current year, December otherwise). */
  month: ZMonth.optional(),
  /** One village only (its cadres' view); without it the township's grid. */
  villageId: ZId.optional(),
  cursor: z.string().max(200).optional(),
  limit: ZPageLimit.default(50),
})

export const ZDashboardRow = ZRating.extend({
  villageName: z.string(),
  order: z.number(),
  target: z.object({ level: z.number().int(), stars: z.array(ZStar) }).nullable(),
  compliance: z.object({ done: z.number(), pending: z.number(), missing: z.number(), overdue: z.number() }),
  /** done / (criteria with a ledger rule), 0..1. */
  complianceRate: z.number(),
  checklist: z.object({ total: z.number(), done: z.number(), overdue: z.number() }),
  praise: z.number(),
  criticism: z.number(),
  /** Place within this page by level, then compliance rate, then fewer overdue items. */
  rank: z.number().int(),
})
export type DashboardRow = z.infer<typeof ZDashboardRow>

export const ZDashboard = z.object({
  year: z.number().int(), month: z.string(), rows: z.array(ZDashboardRow), nextCursor: z.string().nullable(),
  /** 季度观摩: the latest closed tour's ranking (the township grid's first page only; null when none has closed). */
  latestTour: ZLatestTour.nullable().optional(),
})
export type Dashboard = z.infer<typeof ZDashboard>

export const ZExportDashboard = z.object({ year: ZYear, month: ZMonth.optional() })
