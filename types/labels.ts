/**
 * The contract's value lists and their Chinese names, with no zod: a page in the main package may import
 * these at runtime without pulling in zod or any schema (see scripts/check-weapp.ts). The schemas in
 * notice.ts, roles.ts and objection.ts are built from these lists and re-export them, so each list is
 * still written once.
 */

/** 表扬 praise or 曝光 criticism. */
export const NOTICE_KINDS = ['praise', 'criticism'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]
export const NOTICE_KIND_NAMES: Record<NoticeKind, string> = { praise: '表扬', criticism: '曝光' }

/** Categories cadres file notices under (the article's 帖沟村 and 段村 practices). */
export const NOTICE_CATEGORIES = ['人居环境', '孝老爱亲', '移风易俗', '平安', '每周之星', '邻里互助', '其他'] as const

/**
 * Life of a notice: 待审核 pending → 已通过 approved | 已驳回 rejected; approved → 已发布 published
 * by the morning publish; a criticism whose objection is upheld is 已撤下 withdrawn.
 */
export const NOTICE_STATUSES = ['pending', 'approved', 'rejected', 'published', 'withdrawn'] as const
export type NoticeStatus = (typeof NOTICE_STATUSES)[number]
export const NOTICE_STATUS_NAMES: Record<NoticeStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  published: '已发布',
  withdrawn: '已撤下',
}

/** 五星: the five stars, numbered as in the standards. */
export const STARS = [1, 2, 3, 4, 5] as const
export type Star = (typeof STARS)[number]
export const STAR_NAMES: Record<Star, string> = {
  1: '支部过硬星',
  2: '产业兴旺星',
  3: '生态宜居星',
  4: '平安法治星',
  5: '文明幸福星',
}

/**
 * Roles a person can hold. 村民 villager (bound by choosing a village), 村干部 cadre,
 * 村党支部书记 secretary, 工作专班成员 task force (one star), 镇领导 leader, 管理员 admin.
 */
export const ROLES = ['villager', 'cadre', 'secretary', 'taskforce', 'leader', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const ROLE_NAMES: Record<Role | 'visitor', string> = {
  visitor: '游客',
  villager: '村民',
  cadre: '村干部',
  secretary: '村党支部书记',
  taskforce: '工作专班成员',
  leader: '镇领导',
  admin: '管理员',
}

/** 申诉 states and how a villager reads them. */
export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const
export const OBJECTION_STATUS_NAMES = { open: '待处理', upheld: '申诉成立（已撤下）', dismissed: '申诉不成立（恢复公示）' } as const
