import { createHash } from 'node:crypto'
import type { Delivery } from '../../types/inbox'
import { clipThing, type Notification } from '../../core/notify'
import { inChina } from '../../core/time'
import type { TxStore } from '../../core/store'
import type { Deps } from '../deps'
import { LOCAL_TEMPLATES, type TemplateConfig } from './config'
import { ERR_NO_SUBSCRIPTION, SendFailure, type SubscribeMessage } from './messenger'
import { claimSubscription, exhaustSubscription, releaseSubscription, subscriptionId, type SubscriptionDoc } from './subscriptions'

/** One stored inbox entry (collection `inbox`). */
export interface InboxDoc {
  _id: string
  openid: string
  event: string
  kind: string
  title: string
  body: string
  page: string
  createdAt: string
  /** `createdAt~_id`: the list's order (newest first) and cursor, unique even when two entries share an instant. */
  sortKey: string
  unread: boolean
  readAt: string | null
  delivery: Delivery | null
  /**
   * Only on entries written inside a transition's transaction whose WeChat message goes out after
   * the commit: true until a post-commit step claims the send (then false, and `delivery` says what
   * became of it). Absent everywhere else.
   */
  sending?: boolean
  /** With `sending`: the template the owed message goes by, so a later sweep (owed.ts) can send it. */
  template?: Notification['template']
}

/** What a notify call did: entries written (a repeat of the event writes none) and messages WeChat took. */
export interface NotifyReport {
  written: number
  sent: number
  /** Recipients whose entry could not be written (logged): the caller may try again later. */
  failed: number
}

export const inboxId = (openid: string, event: string) => createHash('sha256').update(`${openid}\n${event}`).digest('hex').slice(0, 32)

export function inboxDoc(openid: string, n: Notification, now: Date, delivery: Delivery | null = null): InboxDoc {
  const id = inboxId(openid, n.event)
  const createdAt = now.toISOString()
  return {
    _id: id, openid, event: n.event, kind: n.kind, title: n.title, body: n.body, page: n.page,
    createdAt, sortKey: `${createdAt}~${id}`, unread: true, readAt: null, delivery,
  }
}

/**
 * The notification port's implementation: for each recipient, an inbox entry keyed by
 * (recipient, event) — so a retry or a second timer run writes nothing twice — and, for a newly
 * written entry, the WeChat subscribe message if the person holds a subscription. Never throws:
 * whatever goes wrong is logged and the action that notified stands.
 */
export async function notify(deps: Deps, n: Notification): Promise<NotifyReport> {
  const report: NotifyReport = { written: 0, sent: 0, failed: 0 }
  for (const openid of new Set(n.to)) {
    try {
      const doc = inboxDoc(openid, n, deps.now())
      if (!(await deps.store.insertIfAbsent('inbox', { ...doc }))) continue
      report.written++
      const delivery = await deliver(deps, openid, n)
      if (delivery.status === 'sent') report.sent++
      await deps.store.patch('inbox', doc._id, { delivery })
    } catch (error) {
      report.failed++
      console.error(`[notify] ${n.event} → ${openid} failed`, error)
    }
  }
  return report
}

/** A subscribe message owed after the commit: its inbox entry was written with `sending: true`. */
export interface PendingSend {
  openid: string
  notification: Notification
}

/**
 * Inside the transition's transaction (by id only: the recipients were looked up before it): one
 * inbox entry per recipient, keyed by (recipient, event) — an entry already there is left alone —
 * and, where the recipient holds a subscription, one accept claimed in the same transaction. The
 * entry's delivery is settled here when nothing needs to leave the machine (no template, no
 * subscription, local mode); otherwise it is written `sending: true` and answered, for `sendPending`
 * after the commit. So the transition and its inbox entries land together or not at all.
 */
export async function writeInbox(tx: TxStore, deps: Deps, notifications: ReadonlyArray<Notification | null>): Promise<PendingSend[]> {
  const pending: PendingSend[] = []
  const subscriptions = new Map<string, SubscriptionDoc | null>()
  for (const n of notifications) {
    if (!n) continue
    for (const openid of new Set(n.to)) {
      const doc = inboxDoc(openid, n, deps.now())
      if (await tx.get('inbox', doc._id)) continue
      const setting = templatesOf(deps)[n.template]
      let delivery: Delivery | null = { template: n.template, status: 'not-configured', detail: null }
      let sending = false
      if (setting) {
        const subId = subscriptionId(openid, n.template)
        const sub = subscriptions.has(subId) ? subscriptions.get(subId)! : await tx.get<SubscriptionDoc>('subscriptions', subId)
        subscriptions.set(subId, sub)
        if (!sub || sub.remaining <= 0) {
          delivery = { template: n.template, status: 'no-subscription', detail: null }
        } else {
          const remaining = sub.remaining - 1
          await tx.patch('subscriptions', subId, { remaining, eligible: remaining > 0 })
          subscriptions.set(subId, { ...sub, remaining })
          if (deps.messenger) {
            delivery = null
            sending = true
          } else {
            delivery = { template: n.template, status: 'recorded', detail: `本地模式：未真正发送（模板 ${setting.id}）` }
          }
        }
      }
      await tx.insert('inbox', { ...doc, delivery, ...(sending ? { sending, template: n.template } : {}) })
      if (sending) pending.push({ openid, notification: n })
    }
  }
  return pending
}

/**
 * After the commit: sends the messages `writeInbox` left owed, each once (the entry's `sending`
 * flag is claimed by compare-and-set, so a retry finishing the same entries sends nothing twice),
 * and records what became of each on its entry. Never throws: a failed send is logged, the entry
 * stands, an accept WeChat did not use is given back.
 */
export async function sendPending(deps: Deps, pending: readonly PendingSend[]): Promise<NotifyReport> {
  const report: NotifyReport = { written: 0, sent: 0, failed: 0 }
  for (const { openid, notification: n } of pending) {
    try {
      const id = inboxId(openid, n.event)
      if (!(await deps.store.patchIf('inbox', id, { sending: true }, { sending: false }))) continue
      const delivery = await deliver(deps, openid, n, { claimed: true })
      if (delivery.status === 'sent') report.sent++
      await deps.store.patch('inbox', id, { delivery })
    } catch (error) {
      report.failed++
      console.error(`[notify] ${n.event} → ${openid}: sending after the commit failed`, error)
    }
  }
  return report
}

/**
 * A retry that answered the first result: sends whatever its first call left owed (its answer, or
 * the process, was lost between the commit and the send). Costs nothing in local mode.
 */
export async function finishPending(deps: Deps, notifications: ReadonlyArray<Notification | null>): Promise<NotifyReport> {
  if (!deps.messenger) return { written: 0, sent: 0, failed: 0 }
  const owed: PendingSend[] = []
  for (const n of notifications) for (const openid of new Set(n?.to ?? [])) if (n) owed.push({ openid, notification: n })
  return sendPending(deps, owed)
}

/** The templates in force: configured ones in production, local stand-ins in local mode. */
export const templatesOf = (deps: Deps): TemplateConfig => deps.templates ?? (deps.messenger ? {} : LOCAL_TEMPLATES)

/**
 * Sends `n` to `openid` as a subscribe message, using one of their accepts (unless the caller
 * already claimed it). Never throws; answers what happened, for the inbox entry.
 */
export async function deliver(deps: Deps, openid: string, n: Notification, options: { claimed?: boolean } = {}): Promise<Delivery> {
  const template = n.template
  try {
    const setting = templatesOf(deps)[template]
    if (!setting) return { template, status: 'not-configured', detail: null }
    const subId = subscriptionId(openid, template)
    if (!options.claimed && !(await claimSubscription(deps.store, subId))) return { template, status: 'no-subscription', detail: null }
    const message = subscribeMessage(openid, setting.id, setting.fields, n, deps.now())
    if (!deps.messenger) return { template, status: 'recorded', detail: `本地模式：未真正发送（模板 ${setting.id}）` }
    try {
      await deps.messenger.send(message)
      return { template, status: 'sent', detail: null }
    } catch (error) {
      const code = error instanceof SendFailure ? error.errCode : null
      console.error(`[notify] subscribe message ${n.event} → ${openid} refused (${code ?? 'no code'})`, error)
      if (code === ERR_NO_SUBSCRIPTION) {
        await exhaustSubscription(deps.store, subId)
        return { template, status: 'no-subscription', detail: String(code) }
      }
      await releaseSubscription(deps.store, subId)
      return { template, status: 'failed', detail: code === null ? 'error' : String(code) }
    }
  } catch (error) {
    console.error(`[notify] delivering ${n.event} → ${openid} failed`, error)
    return { template, status: 'failed', detail: 'error' }
  }
}

export function subscribeMessage(openid: string, templateId: string, fields: Record<string, 'title' | 'body' | 'time'>, n: Notification, now: Date): SubscribeMessage {
  const parts = { title: clipThing(n.title), body: clipThing(n.body), time: inChina(now).format('YYYY年M月D日 HH:mm') }
  const data = Object.fromEntries(Object.entries(fields).map(([key, part]) => [key, { value: parts[part] }]))
  return { touser: openid, templateId, page: n.page.replace(/^\//, ''), data }
}
