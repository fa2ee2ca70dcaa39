import { z } from 'zod'
import { ZDay, ZId, ZPageQuery, ZPersonRef, ZRequestId, zText } from './common'
import { ZMonth } from './catalogue'
import { ZStar } from './roles'

/** 季度观摩: a quarter, `YYYY-Qn`. */
export const ZQuarter = z.string().regex(/^\d{4}-Q[1-4]$/, '季度格式应为 YYYY-Q1 至 YYYY-Q4')

/** One line of a tour's scoring sheet: a criterion and its maximum points (data, per tour). */
export const ZTourCriterion = z.object({
  name: zText('评分项目', 20),
  max: z.number().int('满分应为整数').min(1, '满分至少 1 分').max(100, '满分不能超过 100 分'),
})
export type TourCriterion = z.infer<typeof ZTourCriterion>

export const ZTourCreate = z
  .object({
    quarter: ZQuarter,
    date: ZDay,
    title: zText('观摩名称', 40).optional(),
    /** The villages to visit, in order (each once). */
    route: z.array(ZId).min(1, '请至少选择 1 个观摩村').max(12, '一次观摩最多 12 个村'),
    /** Without it the default sheet (core/tour-rules.ts DEFAULT_TOUR_CRITERIA). */
    criteria: z.array(ZTourCriterion).min(1, '评分表至少 1 项').max(10, '评分表最多 10 项').optional(),
    requestId: ZRequestId.optional(),
  })
  .refine((v) => new Set(v.route).size === v.route.length, { message: '观摩路线中的村不能重复', path: ['route'] })
  .refine((v) => !v.criteria || new Set(v.criteria.map((c) => c.name)).size === v.criteria.length, { message: '评分项目不能重名', path: ['criteria'] })

export const ZTourScore = z.object({
  tourId: ZId,
  /** The stop: its host village. */
  villageId: ZId,
  /** Points per criterion, in the sheet's order. */
  points: z.array(z.number().int('分数应为整数').min(0, '分数不能为负')).min(1).max(10),
  comment: zText('点评', 300).optional(),
  requestId: ZRequestId.optional(),
})

/** Closes one stop (with villageId) or the whole tour (every stop with it). */
export const ZTourClose = z.object({ tourId: ZId, villageId: ZId.optional(), expectedVersion: z.number().int().optional(), requestId: ZRequestId.optional() })
export const ZTourGet = z.object({ tourId: ZId })
export const ZTourList = ZPageQuery
/** 差距清单: turns a scorer's comment at a stop into a checklist item of the host village. */
export const ZTourToChecklist = z.object({
  tourId: ZId,
  sheetId: ZId,
  text: zText('清单内容', 200, 2).optional(),
  star: ZStar.nullable().default(null),
  ownerRef: ZPersonRef,
  dueMonth: ZMonth,
  requestId: ZRequestId.optional(),
})
export const ZExportTour = z.object({ tourId: ZId })

export const TOUR_STATUSES = ['open', 'closed'] as const
export const ZTourStatus = z.enum(TOUR_STATUSES)

export const ZTourStop = z.object({
  villageId: z.string(),
  villageName: z.string(),
  status: ZTourStatus,
  closedAt: z.string().nullable(),
})
export type TourStop = z.infer<typeof ZTourStop>

/** A visited village's result: total points per scorer summarised. */
export const ZTourResult = z.object({
  villageId: z.string(),
  villageName: z.string(),
  rank: z.number().int(),
  /** Mean total (one decimal). */
  mean: z.number(),
  min: z.number(),
  max: z.number(),
  /** 极差: max − min. */
  spread: z.number(),
  scorers: z.number().int(),
  /** Mean per criterion, in the sheet's order. */
  criterionMeans: z.array(z.number()),
})
export type TourResult = z.infer<typeof ZTourResult>

export const ZTour = z.object({
  id: z.string(),
  townshipId: z.string(),
  quarter: z.string(),
  date: z.string(),
  title: z.string(),
  criteria: z.array(ZTourCriterion),
  stops: z.array(ZTourStop),
  status: ZTourStatus,
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  /** The ranking as it stood when the tour closed (the dashboard shows it); null while open. */
  ranking: z.array(ZTourResult).nullable(),
  /** `${date}_${id}`: the list order and cursor. */
  sortKey: z.string(),
  version: z.number().int(),
})
export type Tour = z.infer<typeof ZTour>

/** One person's score sheet for one stop. */
export const ZTourSheet = z.object({
  id: z.string(),
  tourId: z.string(),
  villageId: z.string(),
  scorerId: z.string(),
  scorerName: z.string(),
  points: z.array(z.number()),
  total: z.number(),
  comment: z.string().nullable(),
  /** The checklist item this comment became (差距清单), if any. */
  checklistItemId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type TourSheet = z.infer<typeof ZTourSheet>

/** 资料查阅: what the host village shows at its stop. */
export const ZTourEvidence = z.object({
  year: z.number().int(),
  /** As the dashboard's cells (types/dashboard.ts ZStarCell; not imported: dashboard imports this file). */
  stars: z.array(z.object({ star: ZStar, state: z.string(), status: z.string().nullable(), applicationId: z.string().nullable() })),
  level: z.number().int(),
  /** Ledger compliance of the recent months, oldest first. */
  months: z.array(z.object({ month: z.string(), done: z.number(), pending: z.number(), missing: z.number(), overdue: z.number() })),
  checklist: z.object({ total: z.number(), done: z.number(), overdue: z.number() }),
})

export const ZTourStopView = ZTourStop.extend({
  evidence: ZTourEvidence,
  /** How many have scored (counts only while open). */
  sheets: z.number().int(),
  /** The caller's own sheet, if they scored. */
  mine: ZTourSheet.nullable(),
  /** Whether the caller may score this stop now (false: own village, closed, or not a participant). */
  canScore: z.boolean(),
  /** Once the stop is closed: its result and every comment; null before. */
  result: ZTourResult.omit({ rank: true }).nullable(),
  comments: z.array(ZTourSheet).nullable(),
})

export const ZTourView = ZTour.extend({
  stops: z.array(ZTourStopView),
  /** Live ranking of the closed stops once the tour is closed (null while open). */
  ranking: z.array(ZTourResult).nullable(),
})
export type TourView = z.infer<typeof ZTourView>

export const ZTourListItem = ZTour.omit({ ranking: true })
/** What the dashboard shows: the latest closed tour's ranking. */
export const ZLatestTour = z.object({ tourId: z.string(), title: z.string(), quarter: z.string(), date: z.string(), ranking: z.array(ZTourResult) })
