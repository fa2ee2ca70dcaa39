import type { Notice } from '../../types/notice'
import type { Application } from '../../types/application'
import { draftReviewers, type ApplicationPeople, type Notification } from '../../core/notify'
import type { TxStore } from '../../core/store'
import type { Deps } from '../deps'
import { getVillage } from '../repository'
import { finishPending, notify, sendPending, writeInbox, type NotifyReport, type PendingSend } from '.'
import { taskForce, townshipRoleHolders, villageRoleHolders } from './recipients'

/**
 * How a workflow notifies (notices, objections, applications, ledger reviews): its recipients are
 * looked up BEFORE its transaction (the `…Audience` helpers below: queries are not allowed inside
 * one; a failed look-up fails the action before anything is written, and its retry does it all),
 * the inbox entries are written INSIDE it with the transition (`Outbox.inTx`: all or nothing), and
 * the WeChat messages go out AFTER the commit (`Outbox.afterCommit`: never failing the action).
 *
 *   const audience = await draftAudience(ctx.deps, notice)
 *   const outbox = new Outbox(ctx.deps)
 *   await store.transaction(async (tx) => { …; await outbox.inTx(tx, [noticeSubmitted(notice, audience.reviewers, …)]) })
 *   await outbox.afterCommit()
 */
/** One action's notifications: written inside its transaction, sent after the commit. */
export class Outbox {
  private pending: PendingSend[] = []
  constructor(private readonly deps: Deps) {}

  /** Inside the transaction (a retried transaction attempt replaces what an earlier attempt owed). */
  async inTx(tx: TxStore, notifications: ReadonlyArray<Notification | null>): Promise<void> {
    this.pending = await writeInbox(tx, this.deps, notifications)
  }

  /** After the commit: the owed WeChat messages. Never throws. */
  afterCommit(): Promise<NotifyReport> {
    return sendPending(this.deps, this.pending)
  }

  /** A retry that answered the first result: finishes what its first call left owed. Never throws. */
  finish(notifications: ReadonlyArray<Notification | null>): Promise<NotifyReport> {
    return finishPending(this.deps, notifications)
  }
}

/**
 * The post-commit hook for callers outside a transition (kept for re-notifying an event: keyed by
 * (recipient, event), calling it again adds nothing). Never throws.
 */
export async function notifyAfter(deps: Deps, label: string, build: () => Promise<Notification | null>): Promise<NotifyReport> {
  try {
    const notification = await build()
    if (!notification || notification.to.length === 0) return { written: 0, sent: 0, failed: 0 }
    return await notify(deps, notification)
  } catch (error) {
    console.error(`[notify] ${label}: could not notify`, error)
    return { written: 0, sent: 0, failed: 1 }
  }
}

/** A draft waits for review: the village's other secretaries (or the township's leaders, see draftReviewers). */
export async function draftAudience(deps: Deps, notice: Pick<Notice, 'kind' | 'draftedBy' | 'villageId' | 'townshipId'>) {
  const secretaries = await villageRoleHolders(deps.store, notice.villageId, 'secretary', notice.townshipId)
  const needLeaders = notice.kind === 'criticism' && secretaries.every((s) => s === notice.draftedBy)
  const leaders = needLeaders ? await townshipRoleHolders(deps.store, notice.townshipId, 'leader') : []
  const village = await getVillage(deps.store, notice.villageId)
  return { reviewers: draftReviewers(notice, secretaries, leaders), villageName: village.name }
}

/** A villager objected: the village's secretaries. */
export async function objectionAudience(deps: Deps, place: { villageId: string; townshipId: string }) {
  const secretaries = await villageRoleHolders(deps.store, place.villageId, 'secretary', place.townshipId)
  const village = await getVillage(deps.store, place.villageId)
  return { secretaries, villageName: village.name }
}

/**
 * A star application's transition: the applicant (the village's secretaries besides its creator)
 * and the next reviewer — submit → the star's task force, recommend → the township's leaders.
 */
export async function applicationAudience(deps: Deps, app: Pick<Application, 'villageId' | 'townshipId' | 'star'>, action: string): Promise<{ people: ApplicationPeople; villageName: string }> {
  const secretaries = await villageRoleHolders(deps.store, app.villageId, 'secretary', app.townshipId)
  const tf = action === 'application.submit' ? await taskForce(deps.store, app.townshipId, app.star) : []
  const leaders = action === 'application.recommend' ? await townshipRoleHolders(deps.store, app.townshipId, 'leader') : []
  const village = await getVillage(deps.store, app.villageId)
  return { people: { secretaries, taskForce: tf, leaders }, villageName: village.name }
}
