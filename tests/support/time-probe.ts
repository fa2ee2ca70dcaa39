import { addDays, chinaDay, isPublishDue } from '../../core/time'
import { inviteStatus, inviteValidThrough } from '../../core/grant-rules'
import { createSqliteStore } from '../../backend/storage/sqlite'
import { contentPipeline } from '../../backend/content/pipeline'
import { runDailyPublish } from '../../backend/publish/daily'
import { scheduleDailyPublish } from '../../server/scheduler'
import { toDoc } from '../../backend/repository'
import type { Deps } from '../../backend/deps'
import type { Notice } from '../../types/notice'
import { makeNotice } from './factories'

/**
 * Child process of tests/hostile/time-zones: run with TZ set, it answers as JSON what the server's
 * time rules decide at each instant given on the command line — China's day, whether boards are
 * due, which day the daily publish picks and what it publishes, when the local scheduler fires
 * next — and what the front end's day helpers show at that instant.
 */

const RealDate = Date

/** Makes `new Date()` and `Date.now()` read `instant`, for the front end's helpers that read the clock. */
function freezeClock(instant: Date): void {
  const frozen = instant.getTime()
  class FrozenDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(frozen)
      else super(...(args as [string]))
    }
    static now() {
      return frozen
    }
  }
  globalThis.Date = FrozenDate as DateConstructor
}

async function probe(iso: string) {
  const now = new RealDate(iso)
  const store = createSqliteStore({ file: ':memory:' })
  let n = 0
  const deps: Deps = { store, contentCheck: contentPipeline(), now: () => now, newId: () => `id${++n}`, defaultTownshipId: 'tz' }
  await store.insert('townships', { _id: 'tz', name: '时区镇', county: '测试县' })
  await store.insert('villages', { _id: 'v1', townshipId: 'tz', name: '一村', order: 0 })
  // Approved notices for the day before the instant's UTC day up to two days after it.
  const utcDay = iso.slice(0, 10)
  const candidates = [-1, 0, 1, 2].map((k) => addDays(utcDay, k))
  for (const day of candidates) {
    const notice: Notice = makeNotice({
      id: `n-${day}`, townshipId: 'tz', villageId: 'v1', publishDate: day, status: 'approved', boardDate: null, version: 2,
    })
    await store.insert('notices', toDoc(notice))
  }

  const day = chinaDay(now)
  const report = await runDailyPublish(deps)
  const published = (await store.find<{ _id: string; publishDate: string; status: string; boardDate: string | null }>('notices', {
    where: { villageId: 'v1', boardDate: report.date },
    limit: 10,
  }))
    .map((d) => d.publishDate)
    .sort()
  let tomorrowRefused: string
  try {
    await runDailyPublish(deps, { date: addDays(day, 1) })
    tomorrowRefused = 'accepted'
  } catch (error) {
    tomorrowRefused = (error as { code?: string }).code ?? String(error)
  }
  const job = scheduleDailyPublish(deps, () => undefined)
  const nextRun = job.nextRun(now)?.toISOString() ?? null
  job.stop()
  store.close()

  freezeClock(now)
  // dayjs() reads the global Date when called, so the front end's helpers now see the frozen clock.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const client = require('../../src/lib/day') as typeof import('../../src/lib/day')
  const front = {
    todayInChina: client.todayInChina(),
    tomorrowInChina: client.tomorrowInChina(),
    formatInstant: client.formatInstant(iso),
    formatDay: client.formatDay(day),
  }
  globalThis.Date = RealDate

  return {
    instant: iso,
    chinaDay: day,
    dueToday: isPublishDue(day, now),
    dueYesterday: isPublishDue(addDays(day, -1), now),
    publishDate: report.date,
    published,
    tomorrowRefused,
    schedulerNextRun: nextRun,
    // An invitation made at this instant for 7 days, and one whose last valid day is China's yesterday.
    inviteValidThrough: inviteValidThrough(now, 7),
    inviteOfYesterday: inviteStatus({ status: 'open', validThrough: addDays(day, -1) }, now),
    inviteOfToday: inviteStatus({ status: 'open', validThrough: day }, now),
    front,
  }
}

async function main() {
  const instants = process.argv.slice(2)
  const results = []
  for (const iso of instants) results.push(await probe(iso))
  process.stdout.write(
    JSON.stringify({ tz: process.env.TZ ?? null, offsetMinutes: new RealDate('2026-11-27T00:00:00Z').getTimezoneOffset(), results }),
  )
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
