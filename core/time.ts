import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

// The only server-side import of dayjs: every "today" is China's, whatever the host's zone.
dayjs.extend(utc)
dayjs.extend(timezone)

export const CHINA_TZ = 'Asia/Shanghai'
/** Boards go out at 07:00 China time. */
export const PUBLISH_HOUR = 7

export { dayjs, type Dayjs }

export const inChina = (instant: Date | string) => dayjs(instant).tz(CHINA_TZ)

/** The calendar day in China at this instant, `YYYY-MM-DD`. */
export const chinaDay = (instant: Date) => inChina(instant).format('YYYY-MM-DD')

/** `day` shifted by `n` days (calendar arithmetic, no zone involved). */
export const addDays = (day: string, n: number) => dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD')

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export const daysBetween = (from: string, to: string) => dayjs.utc(to).diff(dayjs.utc(from), 'day')

// China has kept UTC+8 all year since 1991. dayjs.tz(string, zone) parses through the host's zone
// and lands an hour off on the host's own DST change days (e.g. a London host on 2026-03-29).
const CHINA_UTC_OFFSET_HOURS = 8

/** The instant a day's board is due: 07:00 China time on that day. */
export const publishInstant = (day: string) => dayjs.utc(day).add(PUBLISH_HOUR - CHINA_UTC_OFFSET_HOURS, 'hour').toDate()

/** True once the board of `day` is due (07:00 China time on that day has passed). */
export const isPublishDue = (day: string, now: Date) => now.getTime() >= publishInstant(day).getTime()

/** A display form in China time, e.g. 2026年11月27日. */
export const chineseDate = (day: string) => dayjs.utc(day).format('YYYY年M月D日')

/** The China month of a day, `YYYY-MM`. */
export const monthOfDay = (day: string) => day.slice(0, 7)

/** The China month at this instant, `YYYY-MM`. */
export const chinaMonth = (instant: Date) => chinaDay(instant).slice(0, 7)

/** The month `n` months after `month` (`YYYY-MM`). */
export const addMonths = (month: string, n: number) => dayjs.utc(`${month}-01`).add(n, 'month').format('YYYY-MM')

// Calendar arithmetic on `YYYY-MM-DD` through UTC milliseconds: no zone involved, and cheap enough
// to run on every ledger write and for every seeded entry.
const DAY_MS = 86_400_000
const dayMs = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)))
const msDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** ISO weekday: Monday 1 … Sunday 7. */
const isoWeekday = (day: string) => ((new Date(dayMs(day)).getUTCDay() + 6) % 7) + 1

/** Monday of the ISO week holding `day`. */
export const weekMonday = (day: string) => msDay(dayMs(day) - (isoWeekday(day) - 1) * DAY_MS)

/**
 * The ISO week holding `day` (Monday to Sunday): its key `YYYY-Www` (ISO week-numbering year), its
 * Monday and Sunday, and the month it counts toward — the month holding its Thursday.
 */
export function isoWeekOf(day: string): { key: string; monday: string; sunday: string; month: string } {
  const mondayMs = dayMs(day) - (isoWeekday(day) - 1) * DAY_MS
  const thursday = msDay(mondayMs + 3 * DAY_MS)
  const year = Number(thursday.slice(0, 4))
  const number = Math.floor((dayMs(thursday) - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1
  return { key: `${year}-W${String(number).padStart(2, '0')}`, monday: msDay(mondayMs), sunday: msDay(mondayMs + 6 * DAY_MS), month: thursday.slice(0, 7) }
}

/** The ISO weeks that count toward `month` (those whose Thursday falls in it), in order. */
export function weeksOfMonth(month: string): Array<ReturnType<typeof isoWeekOf>> {
  const first = `${month}-01`
  let thursday = dayMs(first) + ((4 - isoWeekday(first) + 7) % 7) * DAY_MS
  const weeks = []
  while (msDay(thursday).startsWith(month)) {
    weeks.push(isoWeekOf(msDay(thursday)))
    thursday += 7 * DAY_MS
  }
  return weeks
}
