import { z } from 'zod'
import { ZId, ZRequestId, zText } from './common'
import { ZStar } from './roles'

/** A calendar month in China time, `YYYY-MM`. */
export const ZMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
  .refine((m) => Number(m.slice(0, 4)) >= 2000 && Number(m.slice(0, 4)) <= 2100, '月份超出范围')
export type Month = z.infer<typeof ZMonth>

export const ZYear = z.number().int('年份应为整数').min(2000, '年份超出范围').max(2100, '年份超出范围')

/**
 * An activity type (防电诈教育, 三会一课, …). Used as a key of the compliance summaries, so it may not
 * hold `.` or `$` (field-path characters in the cloud database).
 */
export const ZActivityType = zText('活动类型', 30).pipe(z.string().regex(/^[^.$]+$/, '活动类型不能含有 . 或 $'))

/** 其他: an activity outside the catalogue's types, recorded with its own name. */
export const OTHER_ACTIVITY = '其他'

/**
 * How a criterion is evidenced: an activity of a type every month; n a week (ISO weeks, Monday to
 * Sunday China time, each week counting toward the month holding its Thursday); one a year; a
 * document (once a year); a figure at or above a threshold (the year's best verified value).
 */
export const ZEvidenceRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('monthly'), activityType: ZActivityType }),
  z.object({ kind: z.literal('weekly'), activityType: ZActivityType, perWeek: z.number().int().min(1, '每周至少 1 次').max(7, '每周最多 7 次') }),
  z.object({ kind: z.literal('yearly'), activityType: ZActivityType }),
  z.object({ kind: z.literal('document'), activityType: ZActivityType }),
  z.object({
    kind: z.literal('figure'),
    activityType: ZActivityType,
    threshold: z.number().finite().min(0, '目标值不能为负'),
    unit: zText('单位', 10),
  }),
])
export type EvidenceRule = z.infer<typeof ZEvidenceRule>
export const RULE_KIND_NAMES: Record<EvidenceRule['kind'], string> = {
  monthly: '每月一次',
  weekly: '每周若干次',
  yearly: '每年一次',
  document: '文件资料',
  figure: '数值达标',
}

/** 创建标准: one criterion of a star. */
export const ZCriterion = z.object({
  id: ZId,
  star: ZStar,
  title: zText('标准名称', 40),
  description: zText('标准说明', 300).or(z.literal('')).default(''),
  /** Null: judged by the task force, no ledger rule (e.g. 好支书). */
  rule: ZEvidenceRule.nullable(),
})
export type Criterion = z.infer<typeof ZCriterion>

const ZCriteria = z
  .array(ZCriterion)
  .min(1, '至少一条标准')
  .max(100, '标准最多 100 条')
  .refine((list) => new Set(list.map((c) => c.id)).size === list.length, '标准编号重复')

/** The criteria in force from a month on (an edit applies from the month it is made; ended months keep theirs). */
export const ZCatalogueRevision = z.object({ effectiveFrom: ZMonth, criteria: ZCriteria })
export type CatalogueRevision = z.infer<typeof ZCatalogueRevision>

/** 每月工作区: the township's focus for a month, shown on every village's ledger page. */
export const ZMonthlyFocus = z.object({ month: ZMonth, text: zText('每月工作区', 100) })

/** A township's standards catalogue for one year. */
export const ZCatalogue = z.object({
  id: z.string(),
  townshipId: ZId,
  year: ZYear,
  revisions: z.array(ZCatalogueRevision).min(1),
  focus: z.array(ZMonthlyFocus),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
})
export type Catalogue = z.infer<typeof ZCatalogue>

export const ZCatalogueGet = z.object({ year: ZYear })
export const ZCatalogueUpdate = z.object({
  year: ZYear,
  /** Replaces the criteria from the current month on (the whole year if it has not begun). */
  criteria: ZCriteria.optional(),
  /** Sets (or, with empty text, clears) months' focus. */
  focus: z.array(z.object({ month: ZMonth, text: z.string().max(100, '每月工作区不能超过100个字') })).max(12).optional(),
  expectedVersion: z.number().int().optional(),
  requestId: ZRequestId.optional(),
})
export const ZCatalogueCopyYear = z.object({ from: ZYear, to: ZYear, requestId: ZRequestId.optional() }).refine((v) => v.to > v.from, { message: '只能复制到以后的年份', path: ['to'] })

/** 创建目标: the level a village aims for in a year and which stars. */
export const ZTarget = z.object({
  id: z.string(),
  townshipId: ZId,
  villageId: ZId,
  year: ZYear,
  level: z.number().int().min(0).max(5),
  stars: z.array(ZStar),
  updatedAt: z.string(),
  updatedBy: z.string(),
})
export type Target = z.infer<typeof ZTarget>

export const ZTargetSet = z
  .object({
    villageId: ZId,
    year: ZYear,
    stars: z.array(ZStar).max(5).refine((s) => new Set(s).size === s.length, '星级重复'),
    requestId: ZRequestId.optional(),
  })
export const ZTargetList = z.object({ year: ZYear })
