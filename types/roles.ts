import { z } from 'zod'
import { ZId } from './common'
import { ROLES } from './labels'

export { ROLES, ROLE_NAMES, STARS, STAR_NAMES } from './labels'

/** 五星: the five stars, numbered as in the standards (STARS in labels.ts). */
export const ZStar = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)])
export type Star = z.infer<typeof ZStar>
/** Roles a person can hold (ROLES in labels.ts). */
export const ZRole = z.enum(ROLES)
export type Role = z.infer<typeof ZRole>

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
