import type { Notification } from '../../core/notify'
import type { Deps } from '../deps'
import { boardId, type BoardDoc } from '../publish/board-doc'
import type { Stored } from '../repository'
import type { Village } from '../../types/village'
import { deliver, inboxDoc } from '.'
import type { SubscriptionDoc } from './subscriptions'

/** What one morning run did (a second run the same day finds nothing left to do). */
export interface MorningReminderReport {
  date: string
  /** Subscriptions looked at (owed a reminder for `date`). */
  considered: number
  /** Reminders that went out (or, in local mode, were recorded). */
  reminded: number
  /** WeChat refused or the call failed: the inbox entry stands, the accept is given back. */
  failed: number
  /** The village has no notices on `date`'s board: they are told on a day that has some. */
  noBoard: number
  /** False when the time budget ran out first; the next run (same day) carries on where this stopped. */
  done: boolean
}

const PAGE = 100
const DEFAULT_CONCURRENCY = 20
/** Leave the timer function room to answer: WeChat cuts it at its configured timeout (60 s at most). */
const DEFAULT_BUDGET_MS = 45_000

/**
 * 明早公告提醒: after the 07:00 publish, tells each person who asked (one accepted board
 * subscription each) that their village's board for `date` is out. Batched like the publish: a
 * page of 100 subscriptions at a time, their boards and villages in one `$in` read each, sends
 * `concurrency` at a time, within a time budget. Idempotent: a subscription is claimed for the
 * day (its `sentDay` stamped and one accept used, in one compare-and-set) before its message goes
 * out, so running twice sends one reminder per subscription and day.
 */
export async function runMorningReminder(
  deps: Deps,
  options: { date: string; concurrency?: number; budgetMs?: number },
): Promise<MorningReminderReport> {
  const { date } = options
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  const deadline = Date.now() + (options.budgetMs ?? DEFAULT_BUDGET_MS)
  const report: MorningReminderReport = { date, considered: 0, reminded: 0, failed: 0, noBoard: 0, done: false }
  for (;;) {
    if (Date.now() > deadline) return report
    const owed = await deps.store.find<SubscriptionDoc>('subscriptions', {
      where: { template: 'board', eligible: true, sentDay: { $lt: date } },
      orderBy: [['sentDay', 'asc']],
      limit: PAGE,
    })
    if (owed.length === 0) break
    report.considered += owed.length
    const villageIds = [...new Set(owed.map((s) => s.villageId).filter((v): v is string => !!v))]
    const [boards, villages] = await Promise.all([
      deps.store.find<BoardDoc>('boards', { where: { _id: { $in: villageIds.map((v) => boardId(v, date)) } }, limit: PAGE }),
      deps.store.find<Stored<Village>>('villages', { where: { _id: { $in: villageIds } }, limit: PAGE }),
    ])
    const boardOf = new Map(boards.map((b) => [b.villageId, b]))
    const nameOf = new Map(villages.map((v) => [v._id, v.name]))
    await inParallel(owed, concurrency, async (sub) => {
      const board = sub.villageId ? boardOf.get(sub.villageId) : undefined
      if (!board || board.praiseCount + board.criticismCount === 0) {
        // Nothing to tell today; stamped so this run moves on (the accept is kept for a day with notices).
        if (await deps.store.patchIf('subscriptions', sub._id, { sentDay: sub.sentDay }, { sentDay: date })) report.noBoard++
        return
      }
      const remaining = sub.remaining - 1
      const claimed = await deps.store.patchIf(
        'subscriptions', sub._id, { sentDay: sub.sentDay, remaining: sub.remaining },
        { sentDay: date, remaining, eligible: remaining > 0 },
      )
      if (!claimed) return // changed under us (a new accept, a parallel run): the next page sees it again if still owed
      const n = boardReminder(sub.openid, board, nameOf.get(board.villageId) ?? '本村')
      const delivery = await deliver(deps, sub.openid, n, { claimed: true })
      if (delivery.status === 'sent' || delivery.status === 'recorded') report.reminded++
      else report.failed++
      try {
        await deps.store.insertIfAbsent('inbox', { ...inboxDoc(sub.openid, n, deps.now(), delivery) })
      } catch (error) {
        console.error(`[morning-reminder] inbox entry for ${sub.openid} not written`, error)
      }
    })
  }
  report.done = true
  return report
}

export function boardReminder(openid: string, board: BoardDoc, villageName: string): Notification {
  return {
    event: `board.published:${board.villageId}:${board.date}`,
    kind: 'board.published',
    to: [openid],
    title: `${villageName}今日公告已发布`,
    body: `表扬 ${board.praiseCount} 条、曝光 ${board.criticismCount} 条，点击查看。`,
    page: `/pages/day/index?villageId=${board.villageId}&date=${board.date}`,
    template: 'board',
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]
      try {
        await work(item)
      } catch (error) {
        console.error('[morning-reminder] one reminder failed', error)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}
