import path from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

// The same instants judged by processes in three zones: every answer must be China's, and the same.
// The probe (tests/support/time-probe.ts) runs the real chinaDay, isPublishDue, runDailyPublish on
// SQLite, the local 07:00 scheduler, and the front end's day helpers.

const run = promisify(execFile)
const ROOT = path.resolve(__dirname, '..', '..')
const PROBE = path.join(ROOT, 'tests', 'support', 'time-probe.ts')
const ZONES: Array<[zone: string, offsetMinutes: number]> = [
  ['UTC', 0],
  ['Asia/Shanghai', -480],
  ['America/Los_Angeles', 480],
]

interface Expectation {
  instant: string
  chinaDay: string
  dueToday: boolean
  schedulerNextRun: string
  formatInstant: string
}

/** Worked out by hand: China is UTC+8 all year; boards are due at 07:00 China (23:00 UTC the day before). */
const CASES: Expectation[] = [
  { instant: '2026-11-27T15:59:00.000Z', chinaDay: '2026-11-27', dueToday: true, schedulerNextRun: '2026-11-27T23:00:00.000Z', formatInstant: '11-27 23:59' },
  { instant: '2026-11-27T16:00:00.000Z', chinaDay: '2026-11-28', dueToday: false, schedulerNextRun: '2026-11-27T23:00:00.000Z', formatInstant: '11-28 00:00' },
  { instant: '2026-11-27T22:59:00.000Z', chinaDay: '2026-11-28', dueToday: false, schedulerNextRun: '2026-11-27T23:00:00.000Z', formatInstant: '11-28 06:59' },
  { instant: '2026-11-27T23:00:00.000Z', chinaDay: '2026-11-28', dueToday: true, schedulerNextRun: '2026-11-28T23:00:00.000Z', formatInstant: '11-28 07:00' },
  { instant: '2026-11-27T23:30:00.000Z', chinaDay: '2026-11-28', dueToday: true, schedulerNextRun: '2026-11-28T23:00:00.000Z', formatInstant: '11-28 07:30' },
  // A month's end, a year's end, a February's end, and the night Los Angeles springs forward.
  { instant: '2026-11-30T15:59:00.000Z', chinaDay: '2026-11-30', dueToday: true, schedulerNextRun: '2026-11-30T23:00:00.000Z', formatInstant: '11-30 23:59' },
  { instant: '2026-11-30T16:00:00.000Z', chinaDay: '2026-12-01', dueToday: false, schedulerNextRun: '2026-11-30T23:00:00.000Z', formatInstant: '12-01 00:00' },
  { instant: '2026-11-30T23:30:00.000Z', chinaDay: '2026-12-01', dueToday: true, schedulerNextRun: '2026-12-01T23:00:00.000Z', formatInstant: '12-01 07:30' },
  { instant: '2026-12-31T16:00:00.000Z', chinaDay: '2027-01-01', dueToday: false, schedulerNextRun: '2026-12-31T23:00:00.000Z', formatInstant: '01-01 00:00' },
  { instant: '2026-02-28T16:00:00.000Z', chinaDay: '2026-03-01', dueToday: false, schedulerNextRun: '2026-02-28T23:00:00.000Z', formatInstant: '03-01 00:00' },
  { instant: '2026-03-08T10:30:00.000Z', chinaDay: '2026-03-08', dueToday: true, schedulerNextRun: '2026-03-08T23:00:00.000Z', formatInstant: '03-08 18:30' },
]

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const chineseDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 星期${WEEKDAYS[d.getUTCDay()]}`
}

/** What every zone must answer for one instant. */
function expected(c: Expectation) {
  // The probe plants approved notices for the instant's UTC day -1 … +2; everything due by China's day goes out.
  const candidates = [-1, 0, 1, 2].map((k) => shift(c.instant.slice(0, 10), k))
  return {
    instant: c.instant,
    chinaDay: c.chinaDay,
    dueToday: c.dueToday,
    dueYesterday: true,
    publishDate: c.chinaDay,
    published: candidates.filter((d) => d <= c.chinaDay),
    tomorrowRefused: 'INVALID_INPUT',
    schedulerNextRun: c.schedulerNextRun,
    // Invitations count China calendar days: valid through China's day + 7, expired once that day is past.
    inviteValidThrough: shift(c.chinaDay, 7),
    inviteOfYesterday: 'expired',
    inviteOfToday: 'open',
    front: {
      todayInChina: c.chinaDay,
      tomorrowInChina: shift(c.chinaDay, 1),
      formatInstant: c.formatInstant,
      formatDay: chineseDay(c.chinaDay),
    },
  }
}

const outputs = new Map<string, { tz: string; offsetMinutes: number; results: unknown[] }>()

beforeAll(async () => {
  await Promise.all(
    ZONES.map(async ([zone]) => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', PROBE, ...CASES.map((c) => c.instant)], {
        cwd: ROOT,
        env: { ...process.env, TZ: zone },
        maxBuffer: 10 * 1024 * 1024,
      })
      outputs.set(zone, JSON.parse(stdout))
    }),
  )
}, 120_000)

describe.each(ZONES)('a process in %s', (zone, offset) => {
  it('really runs in that zone', () => {
    expect(outputs.get(zone)!.tz).toBe(zone)
    expect(outputs.get(zone)!.offsetMinutes).toBe(offset)
  })

  it.each(CASES.map((c) => [c.instant, c] as const))('at %s answers in China time', (_instant, c) => {
    const result = outputs.get(zone)!.results.find((r) => (r as { instant: string }).instant === c.instant)
    expect(result).toEqual(expected(c))
  })
})

it('all three zones answer identically', () => {
  const [first, ...rest] = ZONES.map(([zone]) => JSON.stringify(outputs.get(zone)!.results))
  for (const other of rest) expect(other).toBe(first)
})
