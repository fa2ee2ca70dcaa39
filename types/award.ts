import { z } from 'zod'
import { ZWeekKey } from './weekly'
import { ZCursor, ZDay, ZId, ZPageLimit, ZRequestId, zText } from './common'
import { ZNoticeSubject } from './notice'
import { AWARD_KINDS, AWARD_STATUSES } from './award-labels'

export { AWARD_KINDS, AWARD_KIND_NAMES, AWARD_STATUSES, AWARD_STATUS_NAMES, WEEKLY_AWARD_KINDS } from './award-labels'

export const ZAwardKind = z.enum(AWARD_KINDS, { errorMap: () => ({ message: '评选类型应为每周之星、优秀小组或五好家庭' }) })
export type AwardKind = z.infer<typeof ZAwardKind>
export const ZAwardStatus = z.enum(AWARD_STATUSES)

/** An ISO week, `2026-W49` (Monday to Sunday, China time). */
/** An ISO week in China time, the same key the 专班 weekly report uses. */
export const ZWeek = ZWeekKey
export const ZAwardYear = z.number().int('年份应为整数').min(2000, '年份不正确').max(2100, '年份不正确')

/**
 * 评选提名. 每周之星 / 优秀小组: `week` and one of that week's approved praise notices of the village
 * (the person, or the 组 of their household). 五好家庭: `year` and the household, named directly
 * (`subject`) or from one of that year's praise notices.
 */
export const ZAwardNominate = z.object({
  villageId: ZId,
  kind: ZAwardKind,
  week: ZWeek.optional(),
  year: ZAwardYear.optional(),
  noticeId: ZId.optional(),
  subject: ZNoticeSubject.optional(),
  /** 优秀小组: the 组; by default the 组 of the notice's household number. */
  group: zText('组', 10).optional(),
  /** 事迹; by default the notice's text. */
  reason: zText('事迹', 200, 5).optional(),
  /** 奖品, e.g. 洗衣粉一袋. */
  prize: zText('奖品', 30).optional(),
  requestId: ZRequestId.optional(),
})
export type AwardNominate = z.infer<typeof ZAwardNominate>

/** The secretary's decision; a second person must confirm (not the nominator). */
export const ZAwardConfirm = z.object({
  awardId: ZId,
  decision: z.enum(['confirm', 'reject'], { errorMap: () => ({ message: '结果应为确认或不通过' }) }).default('confirm'),
  expectedVersion: z.number().int('版本号不正确').min(1, '版本号不正确').optional(),
  requestId: ZRequestId.optional(),
})

export const ZAwardList = z.object({
  villageId: ZId,
  year: ZAwardYear,
  kind: ZAwardKind.optional(),
  cursor: ZCursor.optional(),
  limit: ZPageLimit.default(20),
})

/** An award as stored and answered (the public sees confirmed ones only). */
export const ZAward = z.object({
  id: ZId,
  townshipId: ZId,
  villageId: ZId,
  kind: ZAwardKind,
  week: ZWeek.nullable(),
  year: z.number().int(),
  noticeId: z.string().nullable(),
  subject: z.object({ name: z.string(), householdNo: z.string().optional() }).nullable(),
  group: z.string().nullable(),
  /** The public label: 钱德胜（6组9号）, or 6组 for a group. */
  label: z.string(),
  reason: z.string(),
  prize: z.string().nullable(),
  status: ZAwardStatus,
  nominatedBy: z.string(),
  nominatedByName: z.string(),
  nominatedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The board day it appears on once confirmed (the day after the confirmation). */
  boardDate: ZDay.nullable(),
  sortKey: z.string(),
  version: z.number().int(),
})
export type Award = z.infer<typeof ZAward>

/** An award as a board shows it: its own block, with the prize. */
export const ZBoardAward = z.object({
  awardId: ZId,
  kind: ZAwardKind,
  label: z.string(),
  reason: z.string(),
  prize: z.string().nullable(),
  week: ZWeek.nullable(),
  year: z.number().int(),
})
export type BoardAward = z.infer<typeof ZBoardAward>
