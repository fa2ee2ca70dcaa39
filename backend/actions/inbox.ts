import type { InboxItem, TemplateKey } from '../../types/inbox'
import { invalidInput } from '../../core/errors'
import { defineHandler, callerOpenid } from '../action'
import { editOnce, recordEdit } from '../create-once'
import { getVillage } from '../repository'
import type { InboxDoc } from '../notify'
import { templatesOf } from '../notify'
import { templateKeyOf } from '../notify/config'
import { addSubscription, subscriptionId, type SubscriptionDoc } from '../notify/subscriptions'

// Every handler here reads and writes only the caller's own records: the openid comes from the
// platform, and each query and compare-and-set names it.

const toItem = (doc: InboxDoc): InboxItem => ({
  id: doc._id, kind: doc.kind, title: doc.title, body: doc.body, page: doc.page,
  createdAt: doc.createdAt, readAt: doc.readAt, delivery: doc.delivery,
})

/** 消息: the caller's inbox, newest first. */
export const listInbox = defineHandler('inbox.list', {
  async handle(input, ctx) {
    const openid = callerOpenid(ctx)
    const where: Record<string, string | { $lt: string }> = { openid }
    if (input.cursor) where.sortKey = { $lt: input.cursor }
    const docs = await ctx.deps.store.find<InboxDoc>('inbox', { where, orderBy: [['sortKey', 'desc']], limit: input.limit + 1 })
    const page = docs.slice(0, input.limit)
    return { items: page.map(toItem), nextCursor: docs.length > input.limit ? page[page.length - 1].sortKey : null }
  },
})

const MARK_ALL_CAP = 500

/**
 * Marks entries read; answers how many changed. Ids of entries that are not the caller's, or
 * already read, change nothing (and say nothing about whether they exist). Reading is the
 * person's own bookkeeping, not a state change of the programme: no audit entry.
 */
export const markInboxRead = defineHandler('inbox.markRead', {
  async handle(input, ctx) {
    const openid = callerOpenid(ctx)
    const readAt = ctx.now.toISOString()
    let updated = 0
    const mark = async (id: string) => {
      if (await ctx.deps.store.patchIf('inbox', id, { openid, unread: true }, { unread: false, readAt })) updated++
    }
    if (input.ids) {
      for (const id of new Set(input.ids)) await mark(id)
      return { updated }
    }
    while (updated < MARK_ALL_CAP) {
      const unread = await ctx.deps.store.find<InboxDoc>('inbox', { where: { openid, unread: true }, limit: 100 })
      if (unread.length === 0) break
      const before = updated
      for (const doc of unread) await mark(doc._id)
      if (updated === before) break
    }
    return { updated }
  },
})

/** The badge on 我的 → 消息. */
export const inboxUnreadCount = defineHandler('inbox.unreadCount', {
  async handle(_input, ctx) {
    return { count: await ctx.deps.store.count('inbox', { openid: callerOpenid(ctx), unread: true }) }
  },
})

/**
 * Records what the person accepted in WeChat's subscribe prompt: one more one-time subscription
 * per accepted template, all in one transaction. The board template (明早公告提醒) names the
 * village whose next board they want to hear of. With a request id, a retry after a lost answer
 * answers the first result instead of counting the accepts again.
 */
export const recordSubscription = defineHandler('subscription.record', {
  async handle(input, ctx) {
    const openid = callerOpenid(ctx)
    const config = templatesOf(ctx.deps)
    const resolved = input.results.map((r, i) => {
      const template = templateKeyOf(config, r.templateId)
      if (!template) throw invalidInput(`未知的订阅模板：${r.templateId}`, `results.${i}.templateId`)
      return { ...r, template }
    })
    const board = resolved.some((r) => r.template === 'board' && r.status === 'accept')
    if (board && !input.villageId) throw invalidInput('订阅明早公告提醒需要指明村庄', 'villageId')
    const village = input.villageId ? await getVillage(ctx.deps.store, input.villageId) : null
    const answered = new Map<TemplateKey, number>()
    for (const r of resolved) answered.set(r.template, (answered.get(r.template) ?? 0) + (r.status === 'accept' ? 1 : 0))
    return editOnce(ctx, 'subscription.record', input.requestId, () =>
      ctx.deps.store.transaction(async (tx) => {
        const subscriptions = []
        for (const [template, accepts] of answered) {
          const forBoard = template === 'board' && village
          const doc =
            accepts > 0
              ? await addSubscription(
                  tx,
                  {
                    openid, template, templateId: config[template]!.id, now: ctx.now.toISOString(),
                    villageId: forBoard ? village.id : null, townshipId: forBoard ? village.townshipId : null,
                  },
                  accepts,
                )
              : await tx.get<SubscriptionDoc>('subscriptions', subscriptionId(openid, template))
          subscriptions.push({ template, remaining: doc?.remaining ?? 0, villageId: doc?.villageId ?? null })
        }
        const answer = { subscriptions }
        await recordEdit(tx, ctx, 'subscription.record', input.requestId, answer)
        return answer
      }),
    )
  },
})
