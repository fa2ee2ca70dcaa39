import type { Deps } from '../deps'
import { sendPending, type InboxDoc, type NotifyReport, type PendingSend } from '.'

const BATCH = 100
/** Older than any function run (≤ 60 s): an entry this old is not being sent by its own action any more. */
export const OWED_AFTER_MS = 10 * 60_000

/**
 * The sweep for messages a transition owed and never sent: its function died (or lost its
 * connection) between the commit and the send, and the action answers a repeat with CONFLICT, so
 * no retry finishes it. Finds the entries still `sending: true` after `OWED_AFTER_MS` and sends each
 * through `sendPending` — which claims the flag by compare-and-set, so a sweep racing a late retry,
 * or a second run, sends nothing twice. Run by the 07:00 job; never throws.
 */
export async function sendOwedMessages(deps: Deps): Promise<NotifyReport> {
  const report: NotifyReport = { written: 0, sent: 0, failed: 0 }
  if (!deps.messenger) return report // only a real messenger leaves entries owed
  const before = new Date(deps.now().getTime() - OWED_AFTER_MS).toISOString()
  try {
    for (;;) {
      const docs = await deps.store.find<InboxDoc>('inbox', {
        where: { sending: true, createdAt: { $lt: before } },
        orderBy: [['createdAt', 'asc']],
        limit: BATCH,
      })
      const owed: PendingSend[] = docs.filter((d) => d.template).map((d) => ({
        openid: d.openid,
        notification: { event: d.event, kind: d.kind, to: [d.openid], title: d.title, body: d.body, page: d.page, template: d.template! },
      }))
      const done = await sendPending(deps, owed)
      report.sent += done.sent
      report.failed += done.failed
      // A batch that moved nothing (every claim failed) would be found again: leave it to the next run.
      if (docs.length < BATCH || done.failed === owed.length) return report
    }
  } catch (error) {
    console.error('[notify] sweeping owed messages failed', error)
    report.failed++
    return report
  }
}
