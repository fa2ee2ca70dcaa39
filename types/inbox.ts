import { z } from 'zod'
import { ZId, ZPageQuery, ZRequestId } from './common'

/**
 * The subscribe-message templates the app uses (one-time subscriptions). Each is configured with
 * a template id from the WeChat console (see README): review 待审核提醒, result 审核结果通知,
 * board 公告发布提醒 (明早公告提醒), due 任务到期提醒.
 */
export const TEMPLATE_KEYS = ['review', 'result', 'board', 'due'] as const
export const ZTemplateKey = z.enum(TEMPLATE_KEYS)
export type TemplateKey = z.infer<typeof ZTemplateKey>

/** What became of the WeChat subscribe message that went with an inbox entry. */
export const DELIVERY_STATUSES = [
  /** WeChat accepted it. */
  'sent',
  /** Local mode: recorded what would have been sent, nothing left the machine. */
  'recorded',
  /** The person holds no accepted subscription for the template (or WeChat said so). */
  'no-subscription',
  /** The template id is not configured for this deployment. */
  'not-configured',
  /** WeChat refused or the call failed; logged, the inbox entry stands. */
  'failed',
] as const
export const ZDelivery = z.object({
  template: ZTemplateKey,
  status: z.enum(DELIVERY_STATUSES),
  /** WeChat's errCode or a short reason, for a failed send. */
  detail: z.string().nullable(),
})
export type Delivery = z.infer<typeof ZDelivery>

/** 消息: one entry of a person's in-app inbox. */
export const ZInboxItem = z.object({
  id: ZId,
  /** What happened, e.g. `notice.submitted`, `notice.approved`, `board.published`. */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** The mini-program page the message opens, with its query string. */
  page: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  delivery: ZDelivery.nullable(),
})
export type InboxItem = z.infer<typeof ZInboxItem>

export const ZInboxList = ZPageQuery
export const ZInboxMarkRead = z
  .object({
    /** Entries to mark read; or `all: true` for every unread entry. */
    ids: z.array(ZId).min(1, '至少选择一条消息').max(50, '一次最多 50 条').optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => (v.ids ? !v.all : v.all === true), { message: '请给出 ids 或 all: true（二选一）' })
export const ZInboxUnreadCount = z.object({})

/** What `wx.requestSubscribeMessage` answered for one template. */
export const ZSubscribeResult = z.object({
  templateId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '模板编号格式不正确'),
  status: z.enum(['accept', 'reject', 'ban', 'filter'], { errorMap: () => ({ message: '订阅结果应为 accept/reject/ban/filter' }) }),
})

/** 订阅: what the person accepted in WeChat's prompt (at most 3 templates per prompt). */
export const ZSubscriptionRecord = z.object({
  results: z.array(ZSubscribeResult).min(1, '至少一个订阅结果').max(3, 'WeChat 一次最多订阅 3 个模板'),
  /** For the board template (明早公告提醒): the village whose next board the person wants to hear of. */
  villageId: ZId.optional(),
  requestId: ZRequestId.optional(),
})
export type SubscriptionRecordInput = z.infer<typeof ZSubscriptionRecord>

/** How many one-time subscriptions the person now holds, per template they answered. */
export const ZSubscriptionState = z.object({
  subscriptions: z.array(z.object({ template: ZTemplateKey, remaining: z.number().int(), villageId: z.string().nullable() })),
})
