import { z } from 'zod'
import { ZId } from './common'

/** 五星: the five stars, numbered as in the standards. */
export const STARS = [1, 2, 3, 4, 5] as const
export const ZStar = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)])
export type Star = z.infer<typeof ZStar>
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
export const ZRole = z.enum(ROLES)
export type Role = z.infer<typeof ZRole>
export const ROLE_NAMES: Record<Role | 'visitor', string> = {
  visitor: '游客',
  villager: '村民',
  cadre: '村干部',
  secretary: '村党支部书记',
  taskforce: '工作专班成员',
  leader: '镇领导',
  admin: '管理员',
}

/** One role held by a person, with its scope: a village, a star, or the whole township. */
export const ZRoleGrant = z.discriminatedUnion('role', [
  z.object({ role: z.literal('villager'), villageId: ZId }),
  z.object({ role: z.literal('cadre'), villageId: ZId }),
  z.object({ role: z.literal('secretary'), villageId: ZId }),
  z.object({ role: z.literal('taskforce'), star: ZStar }),
  z.object({ role: z.literal('leader') }),
  z.object({ role: z.literal('admin') }),
])
export type RoleGrant = z.infer<typeof ZRoleGrant>
