import type { Notification } from '../core/notify'
import { DomainError } from '../core/errors'
import type { TxStore } from '../core/store'
import { callerOpenid, type ActionContext } from './action'
import { appendAudit } from './audit'
import { recordEdit } from './create-once'
import { Outbox } from './notify/workflows'

interface Versioned {
  townshipId: string
  version: number
}

/** One change of a versioned record (a notice, a ledger entry, a checklist item, an application). */
export interface VersionedChange<T extends Versioned> {
  /** The audit log's name for the record's kind, and the record. */
  entity: string
  id: string
  action: string
  /** The version the caller saw; a record that has moved on since is refused (CONFLICT). */
  expectedVersion?: number
  /** The edit's request id: its answer is kept, so a retry after a lost answer is not applied twice. */
  requestId?: string
  load(tx: TxStore, id: string): Promise<T>
  /** The CONFLICT message for a caller whose version is stale. */
  staleMessage(current: T): string
  /** The record's next state; the version is bumped here. May throw to refuse the change. */
  next(before: T): Omit<T, 'version'>
  /** Writes `after`, and what is kept beside it (summaries, the board entry), inside the transaction. */
  write(tx: TxStore, before: T, after: T): Promise<void>
  /** Who hears of it: inbox entries inside the transaction, WeChat messages after the commit. */
  notify?(after: T): ReadonlyArray<Notification | null>
}

/**
 * The shape every record transition shares, in one transaction: read the record, refuse a stale
 * version, write the next version, log it (the audit id carries the version, so a concurrent twin
 * collides), write the inbox entries and mark the request applied; then send the owed messages.
 */
export async function changeVersioned<T extends Versioned>(ctx: ActionContext, change: VersionedChange<T>): Promise<T> {
  const outbox = change.notify ? new Outbox(ctx.deps) : null
  const after = await ctx.deps.store.transaction(async (tx) => {
    const before = await change.load(tx, change.id)
    if (change.expectedVersion !== undefined && before.version !== change.expectedVersion) {
      throw new DomainError('CONFLICT', change.staleMessage(before))
    }
    const after = { ...change.next(before), version: before.version + 1 } as T
    await change.write(tx, before, after)
    await appendAudit(tx, {
      townshipId: before.townshipId, at: ctx.now.toISOString(), actor: callerOpenid(ctx), action: change.action,
      entity: change.entity, entityId: change.id, before, after, version: after.version,
    })
    if (outbox && change.notify) await outbox.inTx(tx, change.notify(after))
    await recordEdit(tx, ctx, change.action, change.requestId, after)
    return after
  })
  await outbox?.afterCommit()
  return after
}
