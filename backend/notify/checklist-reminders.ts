import type { ChecklistItem } from '../../types/checklist'
import { checklistReminder } from '../../core/notify'
import { remindFromAfter, remindKeyOf } from '../../core/checklist-rules'
import { addMonths, chinaMonth } from '../../core/time'
import { checklistRecord, type Stored } from '../repository'
import { registerReminderSource, type ReminderItem, type ReminderSource } from './reminders'

const PAGE = 100
/** Sorts after `YYYY-MM_<id>` for every id: `remindKey < ${month}~` is "owed a reminder by this month". */
const AFTER_MONTH = '~'

type StoredItem = Stored<ChecklistItem> & { remindKey: string }

/**
 * 提升清单 reminders for the daily timer: an open or in-progress item's owner hears once that it is
 * due this month (`<itemId>:due:<month>`) and once that it is overdue (`<itemId>:overdue`). The
 * query reads only the items owed a reminder — index (status, remindKey), remindKey = `<month the
 * next reminder is owed from>_<id>` (core/checklist-rules.ts) — and each reminder sent moves the
 * item's key on (compare-and-set, so an edit of the due month meanwhile wins): a second run the
 * same day, or the next day, reads one empty page and writes nothing. Items awaiting acceptance or
 * done are not reminded.
 */
export const checklistReminders: ReminderSource = {
  name: 'checklist',
  async scan(deps, { now, cursor }) {
    const month = chinaMonth(now)
    const docs = await deps.store.find<StoredItem>('checklist', {
      where: {
        status: { $in: ['open', 'in_progress'] },
        remindKey: cursor ? { $gt: cursor, $lt: `${month}${AFTER_MONTH}` } : { $lt: `${month}${AFTER_MONTH}` },
      },
      orderBy: [['remindKey', 'asc']],
      limit: PAGE,
    })
    const reminders: ReminderItem[] = []
    for (const doc of docs) {
      const item = checklistRecord(doc)
      const reminder = checklistReminder(item, month)
      if (!reminder) continue
      const next = remindFromAfter(item.dueMonth, month, (m) => addMonths(m, 1))
      reminders.push({
        ...reminder,
        settle: async () => {
          await deps.store.patchIf('checklist', doc._id, { remindKey: doc.remindKey, dueMonth: item.dueMonth }, { remindKey: remindKeyOf(next, item.id) })
        },
      })
    }
    return { items: reminders, nextCursor: docs.length === PAGE ? docs[docs.length - 1].remindKey : null }
  },
}

// Registered at load: backend/publish/daily.ts imports this module, so the local scheduler, `npm run
// publish:daily` and the cloud publishDaily entry all run it.
registerReminderSource(checklistReminders)
