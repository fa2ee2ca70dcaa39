import type { ChecklistItem } from '../../types/checklist'
import { checklistReminder } from '../../core/notify'
import { chinaMonth } from '../../core/time'
import { toRecord, type Stored } from '../repository'
import { registerReminderSource, type ReminderItem, type ReminderSource } from './reminders'

const PAGE = 100
/** Sorts after `YYYY-MM_<id>` for every id: `sortKey < ${month}~` is "due this month or before". */
const AFTER_MONTH = '~'

/**
 * 提升清单 reminders for the daily timer: an open or in-progress item's owner hears once that it is
 * due this month (`<itemId>:due:<month>`) and once that it is overdue (`<itemId>:overdue`). One
 * indexed query a page (checklist: status + sortKey, sortKey = `${dueMonth}_${id}`), in key order,
 * the cursor being the page's last sortKey. Items awaiting acceptance or done are not reminded.
 */
export const checklistReminders: ReminderSource = {
  name: 'checklist',
  async scan(deps, { now, cursor }) {
    const month = chinaMonth(now)
    const docs = await deps.store.find<Stored<ChecklistItem>>('checklist', {
      where: {
        status: { $in: ['open', 'in_progress'] },
        sortKey: cursor ? { $gt: cursor, $lt: `${month}${AFTER_MONTH}` } : { $lt: `${month}${AFTER_MONTH}` },
      },
      orderBy: [['sortKey', 'asc']],
      limit: PAGE,
    })
    const items = docs.map((d) => toRecord<ChecklistItem>(d))
    const reminders = items.map((item) => checklistReminder(item, month)).filter((r): r is ReminderItem => r !== null)
    return { items: reminders, nextCursor: docs.length === PAGE ? items[items.length - 1].sortKey : null }
  },
}

// Registered at load: backend/publish/daily.ts imports this module, so the local scheduler, `npm run
// publish:daily` and the cloud publishDaily entry all run it.
registerReminderSource(checklistReminders)
