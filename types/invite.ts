import { z } from 'zod'
import { ZId, ZPageQuery, ZRequestId, zText, ZPersonRef } from './common'
import { ZRoleGrant, ZStar } from './roles'

/** 邀请码 alphabet: capitals and digits without the look-alikes 0/O and 1/I/L. */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const INVITE_CODE_LENGTH = 8
/** Days an invitation stays valid, counted in China calendar days: default and ceiling. */
export const INVITE_DEFAULT_DAYS = 7
export const INVITE_MAX_DAYS = 30

/** A typed-in code: spaces dropped and letters capitalised before it is checked. */
export const ZInviteCode = z
  .string()
  .max(64, '邀请码格式不正确')
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`), '邀请码应为 8 位字母或数字（不含 0、O、1、I、L）'))

/** The roles an invitation can grant (村民 is chosen, never granted). */
export const INVITABLE_ROLES = ['cadre', 'secretary', 'taskforce', 'leader', 'admin'] as const
export const ZInvitableRole = z.enum(INVITABLE_ROLES)

export const ZInviteCreate = z
  .object({
    role: ZInvitableRole,
    villageId: ZId.optional(),
    star: ZStar.optional(),
    /** The township, for township-wide roles; defaults to the creator's own (the village's for village roles). */
    townshipId: ZId.optional(),
    days: z.number().int('有效天数应为整数').min(1, '有效期至少 1 天').max(INVITE_MAX_DAYS, `有效期最多 ${INVITE_MAX_DAYS} 天`).default(INVITE_DEFAULT_DAYS),
    requestId: ZRequestId.optional(),
  })
  .superRefine((input, ctx) => {
    const needsVillage = input.role === 'cadre' || input.role === 'secretary'
    if (needsVillage && !input.villageId) ctx.addIssue({ code: 'custom', path: ['villageId'], message: '村干部和村党支部书记的邀请须指定村庄' })
    if (!needsVillage && input.villageId) ctx.addIssue({ code: 'custom', path: ['villageId'], message: '该角色不属于某个村庄' })
    if (input.role === 'taskforce' && input.star === undefined) ctx.addIssue({ code: 'custom', path: ['star'], message: '工作专班成员的邀请须指定星级' })
    if (input.role !== 'taskforce' && input.star !== undefined) ctx.addIssue({ code: 'custom', path: ['star'], message: '只有工作专班成员的邀请指定星级' })
  })

export const INVITE_STATUSES = ['open', 'used', 'cancelled', 'expired'] as const
export const ZInviteStatus = z.enum(INVITE_STATUSES)
export type InviteStatus = z.infer<typeof ZInviteStatus>

/** An invitation as its township's managers see it (never the code: only its creator sees that, once). */
export const ZInvite = z.object({
  id: ZId,
  townshipId: ZId,
  villageId: ZId.nullable(),
  grant: ZRoleGrant,
  status: ZInviteStatus,
  createdByName: z.string(),
  createdAt: z.string(),
  /** The last China calendar day on which it can be redeemed. */
  validThrough: z.string(),
  redeemedByName: z.string().nullable(),
  redeemedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
})
export type Invite = z.infer<typeof ZInvite>

/** The answer to invite.create: the invitation, its code (shown once) and a QR code image to share it. */
export const ZInviteCreated = ZInvite.extend({
  code: z.string(),
  /** A PNG data URL: a WeChat mini-program code in WeChat, a QR of the local redeem address locally; null if none could be made. */
  qr: z.string().nullable(),
})
export type InviteCreated = z.infer<typeof ZInviteCreated>

export const ZInviteRedeem = z.object({ code: ZInviteCode, name: zText('姓名', 20, 2) })
export const ZInviteCancel = z.object({ inviteId: ZId })
export const ZInviteList = ZPageQuery.extend({ townshipId: ZId.optional(), villageId: ZId.optional() })

/** A person holding roles, as a manager sees them; `personId` (the OPENID) only for admins. */
export const ZRoleHolder = z.object({
  /** An opaque handle of the person for role.revoke (not their OPENID). */
  ref: z.string(),
  personId: z.string().nullable(),
  name: z.string(),
  grants: z.array(ZRoleGrant),
})
export type RoleHolder = z.infer<typeof ZRoleHolder>

export const ZRoleList = ZPageQuery.extend({ townshipId: ZId.optional(), villageId: ZId.optional() })
export const ZRoleRevoke = z.object({
  ref: ZPersonRef,
  grant: ZRoleGrant,
  reason: zText('撤销原因', 200, 2),
  requestId: ZRequestId.optional(),
})
