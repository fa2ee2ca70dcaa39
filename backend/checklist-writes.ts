import type { ChecklistItem } from '../types/checklist'
import type { TxStore } from '../core/store'
import { checklistTallyId, emptyChecklistTally, moveChecklistTally, type ChecklistTally } from '../core/checklist-tally'
import { remindKeyOf } from '../core/checklist-rules'
import { changedFields, toDoc } from './repository'
import { checklistWeeklyEvents } from '../core/weekly-report'
import { countWeekly } from './weekly-tallies'

export interface ChecklistChange {
  /** null: a new item. */
  before: ChecklistItem | null
  after: ChecklistItem
}

/**
 * Writes checklist items (with their reminder key) and, in the same transaction, their villages' tallies (collection
 * `checklistTallies`): every checklist write goes through here, so the figures never drift from the
 * items. By id only, as cloud transactions require: one read and one write per village touched.
 */
export async function writeChecklistItems(tx: TxStore, changes: ChecklistChange[]): Promise<void> {
  const tallies = new Map<string, { tally: ChecklistTally; stored: boolean }>()
  for (const { before, after } of changes) {
    // A new item, or a new due month, is owed the reminders of its due month again; other edits leave the key alone.
    const remindKey = remindKeyOf(after.dueMonth, after.id)
    if (!before) await tx.insert('checklist', { ...toDoc(after), remindKey })
    else if (before.dueMonth !== after.dueMonth) await tx.patch('checklist', after.id, { ...changedFields(before, after), remindKey })
    else await tx.patch('checklist', after.id, changedFields(before, after))
    let entry = tallies.get(after.villageId)
    if (!entry) {
      const stored = await tx.get<ChecklistTally>('checklistTallies', checklistTallyId(after.villageId))
      entry = { tally: stored ?? emptyChecklistTally(after.villageId), stored: !!stored }
      tallies.set(after.villageId, entry)
    }
    entry.tally = moveChecklistTally(entry.tally, before, after)
    // The 专班's week: an item of its star accepted counts in the week it happened.
    await countWeekly(tx, after, checklistWeeklyEvents(before, after))
  }
  for (const { tally, stored } of tallies.values()) {
    if (stored) await tx.patch('checklistTallies', tally._id, { total: tally.total, done: tally.done, openByMonth: tally.openByMonth, openByStarMonth: tally.openByStarMonth ?? {} })
    else await tx.insert('checklistTallies', { ...tally })
  }
}
