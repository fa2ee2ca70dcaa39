import type { Notice } from '../../types/notice'
import type { Objection } from '../../types/objection'
import { draftReviewers, noticeReviewed, noticeSubmitted, objectionDecided, objectionFiled, type Notification } from '../../core/notify'
import type { Deps } from '../deps'
import { getVillage } from '../repository'
import { notify, type NotifyReport } from '.'
import { townshipRoleHolders, villageRoleHolders } from './recipients'

/**
 * The hook every workflow calls after a transition has committed: work out the notification
 * (recipients may need a look-up) and hand it to the port. Never throws — a failed look-up or
 * send is logged and the transition stands. Because inbox entries are keyed by (recipient,
 * event), calling it again for the same transition (a retried action) adds nothing.
 *
 *   await notifyAfter(ctx.deps, 'ledger.returned', async () => ({ event: `ledger.returned:${id}:v${v}`, … }))
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
export const notifyNoticeSubmitted = (deps: Deps, notice: Notice) =>
  notifyAfter(deps, 'notice.submitted', async () => {
    if (notice.status !== 'pending') return null
    const secretaries = await villageRoleHolders(deps.store, notice.villageId, 'secretary', notice.townshipId)
    const needLeaders = notice.kind === 'criticism' && secretaries.every((s) => s === notice.draftedBy)
    const leaders = needLeaders ? await townshipRoleHolders(deps.store, notice.townshipId, 'leader') : []
    const village = await getVillage(deps.store, notice.villageId)
    return noticeSubmitted(notice, draftReviewers(notice, secretaries, leaders), village.name)
  })

/** A draft was approved or rejected: its drafter. */
export const notifyNoticeReviewed = (deps: Deps, notice: Notice) => notifyAfter(deps, 'notice.reviewed', async () => noticeReviewed(notice))

/** A villager objected: the village's secretaries. */
export const notifyObjectionFiled = (deps: Deps, objection: Objection) =>
  notifyAfter(deps, 'objection.filed', async () => {
    const secretaries = await villageRoleHolders(deps.store, objection.villageId, 'secretary', objection.townshipId)
    const village = await getVillage(deps.store, objection.villageId)
    return objectionFiled(objection, secretaries, village.name)
  })

/** The secretary decided: the villager who objected. */
export const notifyObjectionDecided = (deps: Deps, objection: Objection) => notifyAfter(deps, 'objection.decided', async () => objectionDecided(objection))
