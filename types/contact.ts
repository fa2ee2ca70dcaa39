import { z } from 'zod'
import { ZId, ZPersonRef, ZRequestId, zText } from './common'
import { ZYear } from './catalogue'

/**
 * 联系村: who answers for a village in a year — the 科级 contact leader, the 市直 sponsoring unit,
 * and the 第一书记 (a cadre of the village, sent by a unit). People are named by their `ref` from
 * role.list (or, for an admin, their id), never by an OPENID others could read.
 */
export const ZContactSet = z.object({
  villageId: ZId,
  year: ZYear,
  leaderRef: ZPersonRef,
  /** 分包联系的市直单位, e.g. 禹州市财政局. */
  unit: zText('包村单位', 40),
  firstSecretaryRef: ZPersonRef.nullable().default(null),
  firstSecretaryUnit: zText('第一书记派出单位', 40).nullable().default(null),
  expectedVersion: z.number().int().optional(),
  requestId: ZRequestId.optional(),
})
  .refine((v) => !v.firstSecretaryRef || !!v.firstSecretaryUnit, { message: '请填写第一书记的派出单位', path: ['firstSecretaryUnit'] })

export const ZContactList = z.object({ year: ZYear, villageId: ZId.optional(), townshipId: ZId.optional() })

export const ZContact = z.object({
  villageId: z.string(),
  villageName: z.string(),
  townshipId: z.string(),
  year: z.number().int(),
  leaderName: z.string(),
  unit: z.string(),
  firstSecretaryName: z.string().nullable(),
  firstSecretaryUnit: z.string().nullable(),
  /** The caller is this village's contact leader (我的联系村). */
  mine: z.boolean(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type Contact = z.infer<typeof ZContact>

export const ZContactAttendance = z.object({ year: ZYear })
/** Per contact leader: their villages, and how many 主题党日 / 组织生活会 entries record them, by quarter. */
export const ZLeaderAttendance = z.object({
  leaderName: z.string(),
  villages: z.array(z.string()),
  /** Q1…Q4. */
  quarters: z.array(z.number().int()).length(4),
  mine: z.boolean(),
})
export type LeaderAttendance = z.infer<typeof ZLeaderAttendance>
