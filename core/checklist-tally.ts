import type { ChecklistItem } from '../types/checklist'

/**
 * A village's 提升清单 in figures, kept on write (inside each checklist write's transaction), so
 * the dashboard reads one document per village instead of counting items: how many items, how many
 * done (销号), and the not-done ones by due month — overdue is then the sum of the months before
 * the current one, whatever day the dashboard is read.
 */
export interface ChecklistTally {
  _id: string
  villageId: string
  total: number
  done: number
  /** Items not done, by due month (YYYY-MM); a month with none is absent. */
  openByMonth: Record<string, number>
  /** The same by star and due month (`<star>|YYYY-MM`), for the 专班's weekly report; village-wide items are absent. Missing on tallies stored before it. */
  openByStarMonth?: Record<string, number>
}

type Counted = Pick<ChecklistItem, 'status' | 'dueMonth'> & { star?: ChecklistItem['star'] }

export const checklistTallyId = (villageId: string) => villageId

export const emptyChecklistTally = (villageId: string): ChecklistTally => ({ _id: checklistTallyId(villageId), villageId, total: 0, done: 0, openByMonth: {}, openByStarMonth: {} })

/** The tally after an item moves from `before` (null: new) to `after`. */
export function moveChecklistTally(tally: ChecklistTally, before: Counted | null, after: Counted): ChecklistTally {
  const byStar: Record<string, number> = { ...(tally.openByStarMonth ?? {}) }
  const next: ChecklistTally = { ...tally, openByMonth: { ...tally.openByMonth }, openByStarMonth: byStar }
  const bump = (counts: Record<string, number>, key: string, sign: 1 | -1) => {
    const n = (counts[key] ?? 0) + sign
    if (n > 0) counts[key] = n
    else delete counts[key]
  }
  const count = (item: Counted, sign: 1 | -1) => {
    if (item.status === 'done') next.done += sign
    else {
      bump(next.openByMonth, item.dueMonth, sign)
      if (typeof item.star === 'number') bump(byStar, `${item.star}|${item.dueMonth}`, sign)
    }
  }
  if (before) count(before, -1)
  else next.total += 1
  count(after, 1)
  return next
}

/** The checklist figures the dashboard shows: done / total, and overdue (not done, due before `currentMonth`). */
export function checklistFigures(tally: ChecklistTally | null | undefined, currentMonth: string): { total: number; done: number; overdue: number } {
  if (!tally) return { total: 0, done: 0, overdue: 0 }
  const overdue = Object.entries(tally.openByMonth).reduce((sum, [month, n]) => (month < currentMonth ? sum + n : sum), 0)
  return { total: tally.total, done: tally.done, overdue }
}
