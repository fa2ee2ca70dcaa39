// The only front-end module that imports dayjs: plugins and the zone are set up once, here.
import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

/** Boards, drafts and publish days are calendar days in China, whatever the phone's zone. */
export const CHINA_TZ = 'Asia/Shanghai'
const CHINA_OFFSET_MINUTES = 8 * 60

export type { Dayjs }

/** Converts an instant to China time. */
function toChina(d: Dayjs): Dayjs {
  try {
    return d.tz(CHINA_TZ)
  } catch {
    // Some older mini-program engines ship Intl without time zones; China has had no DST since 1991.
    return d.utcOffset(CHINA_OFFSET_MINUTES)
  }
}

/** Now, in China time. */
export function nowInChina(): Dayjs {
  return toChina(dayjs())
}

/** Today's date in China, `YYYY-MM-DD`. */
export function todayInChina(): string {
  return nowInChina().format('YYYY-MM-DD')
}

/** Tomorrow's date in China, the default day for a new notice. */
export function tomorrowInChina(): string {
  return nowInChina().add(1, 'day').format('YYYY-MM-DD')
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** A calendar day `YYYY-MM-DD` as 2026年11月27日 星期五 (a calendar day has no zone). */
export function formatDay(day: string): string {
  const d = dayjs(day)
  return `${d.format('YYYY年M月D日')} 星期${WEEKDAYS[d.day()]}`
}

/** An ISO instant shown as China wall-clock time, e.g. 11-27 07:00. */
export function formatInstant(iso: string): string {
  return toChina(dayjs(iso)).format('MM-DD HH:mm')
}
