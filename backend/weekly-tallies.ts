import type { TxStore } from '../core/store'
import { applyWeeklyEvents, byWeek, weeklyTallyId, type WeeklyEvent, type WeeklyTally } from '../core/weekly-report'

/**
 * Adds a record's events to its village's weekly tallies (collection `weeklyTallies`, one document
 * per village and week), inside the record's own write transaction: every ledger, checklist and
 * application write goes through here, so a 专班's report never drifts from the records. By id only,
 * as cloud transactions require: one read and one write per week touched (almost always one).
 */
export async function countWeekly(tx: TxStore, record: { townshipId: string; villageId: string }, events: WeeklyEvent[]): Promise<void> {
  if (events.length === 0) return
  for (const [week, inWeek] of byWeek(events)) {
    const id = weeklyTallyId(record.villageId, week)
    const stored = await tx.get<WeeklyTally>('weeklyTallies', id)
    const tally = applyWeeklyEvents(stored ?? { _id: id, townshipId: record.townshipId, villageId: record.villageId, week, stars: {} }, inWeek)
    if (stored) await tx.patch('weeklyTallies', id, { stars: tally.stars })
    else await tx.insert('weeklyTallies', { ...tally })
  }
}
