import { z } from 'zod'
import { ZId, ZPageLimit, ZRequestId, zText, ZCursor } from './common'
import { OBJECTION_STATUSES } from './labels'

export { OBJECTION_STATUSES, OBJECTION_STATUS_NAMES } from './labels'

/** 申诉: a villager's objection to a criticism on their village's board. */
export const ZObjectionCreate = z.object({
  noticeId: ZId,
  reason: zText('申诉理由', 300, 5),
  /** Made by the client once per submission: a retry with it returns the first objection instead of CONFLICT. */
  requestId: ZRequestId.optional(),
})
export const ZObjectionStatus = z.enum(OBJECTION_STATUSES)
export const ZObjection = z.object({
  id: z.string(),
  townshipId: ZId,
  villageId: ZId,
  noticeId: ZId,
  openid: z.string(),
  reason: z.string(),
  status: ZObjectionStatus,
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
})
export type Objection = z.infer<typeof ZObjection>
/** 申诉处理: uphold takes the criticism down for good; dismiss puts it back on the board. */
export const ZObjectionDecide = z.object({
  objectionId: z.string().min(1).max(140).regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确'),
  decision: z.enum(['uphold', 'dismiss'], { errorMap: () => ({ message: '处理结果应为申诉成立或不成立' }) }),
  comment: zText('处理意见', 200).optional(),
  requestId: ZRequestId.optional(),
})
export const ZObjectionList = z.object({
  villageId: ZId,
  cursor: ZCursor.optional(),
  limit: ZPageLimit.default(20),
})
