import { todayInChina } from '../../lib/day'

const DAY_MS = 86_400_000

/**
 * The ISO week (Monday to Sunday, China time) `weeksBack` weeks before the current one: its key
 * (`2026-W49`, as types/award.ts ZWeek) and its Monday and Sunday. Calendar arithmetic in UTC, so
 * it lives here in the subpackage rather than in the main package's date module.
 */
export function weekInChina(weeksBack = 0): { key: string; monday: string; sunday: string } {
  const today = todayInChina()
  const t = Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)))
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS - 7 * weeksBack * DAY_MS
  const thursday = new Date(monday + 3 * DAY_MS)
  const year = thursday.getUTCFullYear()
  const number = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  return { key: `${year}-W${String(number).padStart(2, '0')}`, monday: day(monday), sunday: day(monday + 6 * DAY_MS) }
}
