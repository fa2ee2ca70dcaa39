import { z } from 'zod'
import { ZRequestId, zText } from './common'
import { ZStar } from './roles'

/** An ISO week in China time, `YYYY-Www` (Monday to Sunday). */
export const ZWeekKey = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, '周次格式应为 YYYY-Www，例如 2026-W49')

/** What a 专班's week counts, per village: kept on write in `weeklyTallies` (core/weekly-report.ts). */
export const ZWeeklyFigures = z.object({
  /** Ledger entries of the star submitted (or resubmitted) this week. */
  submitted: z.number().int(),
  verified: z.number().int(),
  returned: z.number().int(),
  /** Checklist items of the star accepted (已销号) this week. */
  checklistClosed: z.number().int(),
  /** Checklist items of the star that became overdue this week (their due month ended), still open. */
  checklistOverdue: z.number().int(),
  /** Status changes of the star's applications (submitted, returned, recommended, approved …). */
  applicationsMoved: z.number().int(),
  /** Criteria of the star whose period ended this month without verified evidence (0: on track). */
  behind: z.number().int(),
})
export type WeeklyFigures = z.infer<typeof ZWeeklyFigures>

export const ZWeeklyRow = z.object({
  villageId: z.string(),
  villageName: z.string(),
  current: ZWeeklyFigures,
  previous: ZWeeklyFigures,
})
export type WeeklyRow = z.infer<typeof ZWeeklyRow>

/** 每周专题会 progress report of one 专班 (star) for one week, with last week beside it. */
export const ZWeeklyReport = z.object({
  townshipId: z.string(),
  star: ZStar,
  week: z.string(),
  monday: z.string(),
  sunday: z.string(),
  previousWeek: z.string(),
  rows: z.array(ZWeeklyRow),
  totals: z.object({ current: ZWeeklyFigures, previous: ZWeeklyFigures }),
  /** Villages behind their monthly compliance of this star (at the week's end, or today). */
  behindVillages: z.array(z.string()),
  /** open: figures computed now; closed: the stored snapshot of when the 专班 closed the week. */
  status: z.enum(['open', 'closed']),
  issues: z.string(),
  nextSteps: z.string(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  computedAt: z.string(),
})
export type WeeklyReport = z.infer<typeof ZWeeklyReport>

export const ZReportWeekly = z.object({ star: ZStar, week: ZWeekKey.optional() })
export const ZReportClose = z.object({
  star: ZStar,
  week: ZWeekKey,
  issues: zText('存在问题', 2000),
  nextSteps: zText('下周安排', 2000),
  requestId: ZRequestId.optional(),
})
export const ZExportWeekly = z.object({ star: ZStar, week: ZWeekKey.optional() })
