import type { Notification } from '../../core/notify'
import type { Deps } from '../deps'
import { chinaDay } from '../../core/time'
import { notify } from '.'

/**
 * Due and overdue reminders from the daily timer. A workflow with deadlines (the improvement
 * checklist: an item due this month, an item overdue) registers a source; the runner pages
 * through each source and notifies every item it yields. Idempotent through the notification
 * port: an item's `key` names the reminder itself (`<itemId>:due:2026-12`, `<itemId>:overdue`), so
 * a second run — the same morning, or the next one while the item is still due — writes and sends
 * nothing again. What the key contains decides how often a person is reminded; the day does not.
 */
export interface ReminderItem {
  /** Stable per reminder, e.g. `checklist:<itemId>:overdue`. */
  key: string
  notification: Omit<Notification, 'event'>
  /** After the notification is written: marks the item reminded, so later runs do not read it again. */
  settle?: () => Promise<void>
}

export interface ReminderScan {
  /** China day of the run. */
  today: string
  now: Date
  /** From the previous page of this run; null for the first. */
  cursor: string | null
}

export interface ReminderSource {
  /** Unique, e.g. `checklist.due`; part of every event key it produces. */
  name: string
  /** One page of items owed a reminder on `today` (indexed queries, ≤ 100 a page). */
  scan(deps: Deps, scan: ReminderScan): Promise<{ items: ReminderItem[]; nextCursor: string | null }>
}

const registry = new Map<string, ReminderSource>()

/** Plugs a source into the daily run (call at module load of the workflow). Answers an unregister function. */
export function registerReminderSource(source: ReminderSource): () => void {
  if (registry.has(source.name)) throw new Error(`reminder source ${source.name} registered twice`)
  registry.set(source.name, source)
  return () => registry.delete(source.name)
}

/** Takes a source out of the daily run and answers it (tests that drive the registry with their own sources). */
export function unregisterReminderSource(name: string): ReminderSource | undefined {
  const source = registry.get(name)
  registry.delete(name)
  return source
}

export interface ReminderRunReport {
  source: string
  items: number
  /** Inbox entries written (0 for items reminded before). */
  written: number
  sent: number
  error: string | null
}

const MAX_PAGES = 200

/** Runs every registered source (or `sources`); one failing source does not stop the others. */
export async function runDueReminders(deps: Deps, options: { sources?: readonly ReminderSource[] } = {}): Promise<ReminderRunReport[]> {
  const now = deps.now()
  const today = chinaDay(now)
  const reports: ReminderRunReport[] = []
  for (const source of options.sources ?? [...registry.values()]) {
    const report: ReminderRunReport = { source: source.name, items: 0, written: 0, sent: 0, error: null }
    try {
      let cursor: string | null = null
      for (let page = 0; page < MAX_PAGES; page++) {
        const { items, nextCursor } = await source.scan(deps, { today, now, cursor })
        for (const item of items) {
          report.items++
          const r = await notify(deps, { ...item.notification, event: `reminder:${source.name}:${item.key}` })
          report.written += r.written
          report.sent += r.sent
          if (!r.failed) await item.settle?.()
        }
        if (!nextCursor) break
        cursor = nextCursor
      }
    } catch (error) {
      console.error(`[reminders] ${source.name} failed`, error)
      report.error = String(error)
    }
    reports.push(report)
  }
  return reports
}
