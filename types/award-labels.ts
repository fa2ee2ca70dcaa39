// Zod-free value lists and Chinese names of 评选 (awards), for pages of the main package (BoardView).

/** 每周之星 (a person, weekly), 优秀小组 (a 组, weekly), 五好家庭 (a household, yearly). */
export const AWARD_KINDS = ['weeklyStar', 'excellentGroup', 'fiveGoodFamily'] as const
export type AwardKind = (typeof AWARD_KINDS)[number]
export const AWARD_KIND_NAMES: Record<AwardKind, string> = { weeklyStar: '每周之星', excellentGroup: '优秀小组', fiveGoodFamily: '五好家庭' }
/** The kinds chosen each week from that week's praise; the rest are chosen once a year. */
export const WEEKLY_AWARD_KINDS: readonly AwardKind[] = ['weeklyStar', 'excellentGroup']

/** 待确认 → 已确认 (on the next board) | 未通过. */
export const AWARD_STATUSES = ['nominated', 'confirmed', 'rejected'] as const
export type AwardStatus = (typeof AWARD_STATUSES)[number]
export const AWARD_STATUS_NAMES: Record<AwardStatus, string> = { nominated: '待确认', confirmed: '已确认', rejected: '未通过' }
