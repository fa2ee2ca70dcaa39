import type { LedgerEntry } from '../types/ledger'
import type { ChecklistItem } from '../types/checklist'
import type { Application } from '../types/application'
import type { Star } from '../types/roles'
import type { WeeklyFigures, WeeklyRow } from '../types/weekly'
import type { ComplianceItem } from './compliance'
import { addDays, addMonths, chinaDay, isoWeekOf } from './time'

/**
 * 每周专题会: a 专班's week in figures. Each write of a ledger entry, checklist item or application
 * adds its event to its village's tally of the week it happened in (China time), inside the write's
 * own transaction, so a report reads a fixed number of documents whatever the size of the records.
 */
export type WeeklyCounter = 'submitted' | 'verified' | 'returned' | 'checklistClosed' | 'applicationsMoved'
export type Counted = Record<WeeklyCounter, number>

/** A village's events of one week, by star ('1'…'5'). */
export interface WeeklyTally {
  _id: string
  townshipId: string
  villageId: string
  week: string
  stars: Partial<Record<string, Counted>>
}

export interface WeeklyEvent {
  star: Star
  counter: WeeklyCounter
  /** The instant it happened (ISO); its China week is the week it counts in. */
  at: string
}

export const weeklyTallyId = (villageId: string, week: string) => `${villageId}_${week}`
export const weeklyReportId = (townshipId: string, star: Star, week: string) => `${townshipId}_${star}_${week}`

/** The China ISO week key of an instant. */
export const weekOfInstant = (at: string) => isoWeekOf(chinaDay(new Date(at))).key

/** The week `YYYY-Www` as days: its Monday, Sunday and the month it counts toward. Week 1 holds 4 January. */
export function weekFromKey(key: string): ReturnType<typeof isoWeekOf> {
  const year = Number(key.slice(0, 4))
  const n = Number(key.slice(6))
  const first = isoWeekOf(`${year}-01-04`).monday
  return isoWeekOf(addDays(first, (n - 1) * 7))
}

export const previousWeekKey = (key: string) => isoWeekOf(addDays(weekFromKey(key).monday, -7)).key

const COUNTER_OF_LEDGER: Record<LedgerEntry['status'], WeeklyCounter> = {
  submitted: 'submitted', resubmitted: 'submitted', verified: 'verified', returned: 'returned',
}

/** A ledger write's events: a new entry, or a status change (an edit without one counts nothing). */
export function ledgerWeeklyEvents(before: LedgerEntry | null, after: LedgerEntry): WeeklyEvent[] {
  if (before && before.status === after.status) return []
  return [{ star: after.star, counter: COUNTER_OF_LEDGER[after.status], at: after.updatedAt }]
}

/** Every event of an entry's life as recorded on it (for records written without the actions: the seed). */
export function ledgerHistoryEvents(entry: LedgerEntry): WeeklyEvent[] {
  const events: WeeklyEvent[] = [{ star: entry.star, counter: 'submitted', at: entry.createdAt }]
  if (entry.reviewedAt && (entry.status === 'verified' || entry.status === 'returned')) events.push({ star: entry.star, counter: COUNTER_OF_LEDGER[entry.status], at: entry.reviewedAt })
  return events
}

/** A checklist write's events: a star's item accepted (已销号). Village-wide items belong to no 专班. */
export function checklistWeeklyEvents(before: ChecklistItem | null, after: ChecklistItem): WeeklyEvent[] {
  if (after.star === null || after.status !== 'done' || before?.status === 'done') return []
  return [{ star: after.star, counter: 'checklistClosed', at: after.updatedAt }]
}

/** An application write's events: a status change (a new draft is not yet a move). */
export function applicationWeeklyEvents(before: Application | null, after: Application): WeeklyEvent[] {
  if (!before || before.status === after.status) return []
  return [{ star: after.star, counter: 'applicationsMoved', at: after.updatedAt }]
}

export const emptyCounted = (): Counted => ({ submitted: 0, verified: 0, returned: 0, checklistClosed: 0, applicationsMoved: 0 })

/** The tally after `events` (all of its village and week). */
export function applyWeeklyEvents(tally: WeeklyTally, events: WeeklyEvent[]): WeeklyTally {
  const stars = { ...tally.stars }
  for (const e of events) {
    const counted = { ...(stars[e.star] ?? emptyCounted()) }
    counted[e.counter] += 1
    stars[e.star] = counted
  }
  return { ...tally, stars }
}

/** Events grouped by the week they count in. */
export function byWeek(events: WeeklyEvent[]): Map<string, WeeklyEvent[]> {
  const weeks = new Map<string, WeeklyEvent[]>()
  for (const e of events) {
    const key = weekOfInstant(e.at)
    weeks.set(key, [...(weeks.get(key) ?? []), e])
  }
  return weeks
}

/**
 * The month whose items became overdue during the week: an item is overdue once its due month has
 * ended, so a week holding the first day of month M makes M−1's open items newly overdue. Null when
 * no month starts within the week.
 */
export function monthFallingDueIn(week: { monday: string; sunday: string }): string | null {
  for (let day = week.monday; day <= week.sunday; day = addDays(day, 1)) if (day.endsWith('-01')) return addMonths(day.slice(0, 7), -1)
  return null
}

/** The key of a star's open items of a due month in a checklist tally (`openByStarMonth`). */
export const starMonthKey = (star: Star, month: string) => `${star}|${month}`

/** How many of a star's criteria of the month are behind (their period ended without verified evidence). */
export const behindCount = (items: ComplianceItem[]) => items.filter((i) => i.status === 'overdue').length

/** One week's figures of a village for a star. */
export function figuresOf(tally: WeeklyTally | undefined, star: Star, newlyOverdue: number, behind: number): WeeklyFigures {
  const c = tally?.stars[star] ?? emptyCounted()
  return { ...c, checklistOverdue: newlyOverdue, behind }
}

export function sumFigures(rows: WeeklyFigures[]): WeeklyFigures {
  const total: WeeklyFigures = { ...emptyCounted(), checklistOverdue: 0, behind: 0 }
  for (const r of rows) for (const k of Object.keys(total) as Array<keyof WeeklyFigures>) total[k] += r[k]
  return total
}

/** The villages a report lists first: those with anything this week or last, then the quiet ones, each in the township's order. */
export function orderRows(rows: Array<WeeklyRow & { order: number }>): WeeklyRow[] {
  const busy = (f: WeeklyFigures) => Object.values(f).some((n) => n > 0)
  return [...rows]
    .sort((a, b) => Number(busy(b.current) || busy(b.previous)) - Number(busy(a.current) || busy(a.previous)) || a.order - b.order)
    .map(({ order: _order, ...row }) => row)
}
