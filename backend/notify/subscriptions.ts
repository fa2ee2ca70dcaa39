import { createHash } from 'node:crypto'
import type { TemplateKey } from '../../types/inbox'
import type { DocumentStore, TxStore } from '../../core/store'

/**
 * A person's one-time subscriptions to one template: WeChat lets the app send one message per
 * "accept" in its prompt, so `remaining` counts accepts not yet used. Incremented by
 * `subscription.record`, decremented by each message that goes out; given back when a send fails
 * for another reason than "no subscription" (WeChat did not use it up), zeroed when WeChat says
 * none is left (43101) — the count stays honest either way.
 */
export interface SubscriptionDoc {
  _id: string
  openid: string
  template: TemplateKey
  templateId: string
  remaining: number
  /** `remaining > 0`, kept as a field so the 07:00 run finds who is owed a board reminder by index. */
  eligible: boolean
  /** Board template only: the village whose next board the person asked to hear of. */
  villageId: string | null
  townshipId: string | null
  /** Board template only: the last China day a reminder was claimed for ('' before the first). */
  sentDay: string
  updatedAt: string
}

export const subscriptionId = (openid: string, template: TemplateKey) =>
  createHash('sha256').update(`${openid}\n${template}`).digest('hex').slice(0, 32)

const MAX_ATTEMPTS = 5

/**
 * Adds `count` accepts for (openid, template), creating the record on first use. Inside the
 * caller's transaction (with the other templates of the same prompt answer and its request
 * marker), so two concurrent records (two taps) both count and a retried one counts once.
 */
export async function addSubscription(
  tx: TxStore,
  fields: { openid: string; template: TemplateKey; templateId: string; villageId: string | null; townshipId: string | null; now: string },
  count: number,
): Promise<SubscriptionDoc> {
  const id = subscriptionId(fields.openid, fields.template)
  const current = await tx.get<SubscriptionDoc>('subscriptions', id)
  if (!current) {
    const doc: SubscriptionDoc = {
      _id: id, openid: fields.openid, template: fields.template, templateId: fields.templateId,
      remaining: count, eligible: count > 0, villageId: fields.villageId, townshipId: fields.townshipId, sentDay: '', updatedAt: fields.now,
    }
    await tx.insert('subscriptions', { ...doc })
    return doc
  }
  const remaining = current.remaining + count
  const patch = {
    remaining, eligible: remaining > 0, templateId: fields.templateId, updatedAt: fields.now,
    // Asking again from another village's board moves the reminder there.
    ...(fields.villageId ? { villageId: fields.villageId, townshipId: fields.townshipId } : {}),
  }
  await tx.patch('subscriptions', id, patch)
  return { ...current, ...patch }
}

/**
 * Uses one accept, if any is left; answers whether it did. `extra` lands in the same
 * compare-and-set (the board reminder stamps its day there, so a second run finds it claimed).
 */
export async function claimSubscription(
  store: DocumentStore,
  id: string,
  extra: Record<string, string> = {},
  expect: Record<string, string> = {},
): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await store.get<SubscriptionDoc>('subscriptions', id)
    if (!current || current.remaining <= 0) return false
    if (Object.entries(expect).some(([k, v]) => (current as unknown as Record<string, unknown>)[k] !== v)) return false
    const remaining = current.remaining - 1
    if (await store.patchIf('subscriptions', id, { remaining: current.remaining, ...expect }, { remaining, eligible: remaining > 0, ...extra })) return true
  }
  return false
}

/** Gives back an accept WeChat did not use (the send failed for another reason). */
export async function releaseSubscription(store: DocumentStore, id: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await store.get<SubscriptionDoc>('subscriptions', id)
    if (!current) return
    const remaining = current.remaining + 1
    if (await store.patchIf('subscriptions', id, { remaining: current.remaining }, { remaining, eligible: true })) return
  }
}

/** WeChat says none is left: trust it over our count. */
export async function exhaustSubscription(store: DocumentStore, id: string): Promise<void> {
  await store.patch('subscriptions', id, { remaining: 0, eligible: false })
}
