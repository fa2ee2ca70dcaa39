/**
 * 明早公告提醒 at county scale (禹州: 26 townships, 650 villages) on the cloud adapter: the real
 * wx-server-sdk against the CloudBase stand-in (tests only — not the real cloud), with WeChat's
 * subscribeMessage.send replaced by an in-process fake. The stand-in has no latency setting here,
 * so the run is measured with a simulated latency added to every store operation and every send,
 * to check it fits the timer function's 60 s (and, under test:deep, also as is, for the raw wall time).
 */
import { startCloudbaseStandin, type CloudbaseStandin, type StandinDoc } from '../../support/cloudbase-standin'
import { loadSdkAgainstStandin } from '../../support/wx-server-sdk-on-standin'
import { COLLECTION_NAMES } from '../../../backend/storage/collections'
import { createCloudStore } from '../../../backend/storage/cloud'
import { contentPipeline } from '../../../backend/content/pipeline'
import { runMorningReminder } from '../../../backend/notify/morning-reminder'
import { LOCAL_TEMPLATES } from '../../../backend/notify/config'
import { subscriptionId, type SubscriptionDoc } from '../../../backend/notify/subscriptions'
import { boardId } from '../../../backend/publish/board-doc'
import type { SubscribeMessage } from '../../../backend/notify/messenger'
import type { Deps } from '../../../backend/deps'
import type { DocumentStore } from '../../../core/store'
import { byDepth, depthNote } from '../../support/depth'

const VILLAGES = 650
const PER_TOWNSHIP = 25
const DATE = '2026-11-28'
const NOW = new Date('2026-11-27T23:00:00.000Z') // 07:00 in China on DATE
/** Simulated round trip of one store operation and of one send (a same-region cloud call). */
const LATENCY_MS = 20
/** The timer function's ceiling; the run's own budget is 45 s within it. */
const FUNCTION_LIMIT_MS = 60_000

jest.setTimeout(240_000)

let standin: CloudbaseStandin
beforeAll(async () => {
  standin = await startCloudbaseStandin({ collections: COLLECTION_NAMES })
})
afterAll(() => standin.close())

/** 650 villages; one villager per village asked for the reminder, plus a second one in every 5th; every 13th board is empty. */
function county(): Record<string, StandinDoc[]> {
  const townships: StandinDoc[] = []
  const villages: StandinDoc[] = []
  const boards: StandinDoc[] = []
  const subscriptions: StandinDoc[] = []
  for (let k = 0; k < VILLAGES; k++) {
    const townshipId = `t${String(Math.floor(k / PER_TOWNSHIP)).padStart(2, '0')}`
    if (k % PER_TOWNSHIP === 0) townships.push({ _id: townshipId, name: `${townshipId}镇`, county: '禹州市' })
    const villageId = `v${String(k).padStart(3, '0')}`
    villages.push({ _id: villageId, townshipId, name: `村${k}`, order: k % PER_TOWNSHIP })
    const empty = k % 13 === 0
    boards.push({ _id: boardId(villageId, DATE), townshipId, villageId, date: DATE, publishedAt: NOW.toISOString(), praiseCount: empty ? 0 : 2, criticismCount: empty ? 0 : 1 })
    for (let s = 0; s < (k % 5 === 0 ? 2 : 1); s++) {
      const openid = `o-${villageId}-${s}`
      const doc: SubscriptionDoc = {
        _id: subscriptionId(openid, 'board'), openid, template: 'board', templateId: 'local-board', remaining: 1, eligible: true,
        villageId, townshipId, sentDay: '', updatedAt: NOW.toISOString(),
      }
      subscriptions.push({ ...doc })
    }
  }
  return { townships, villages, boards, subscriptions }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Adds `ms` before every store operation: a stand-in for the network between function and database. */
function withLatency(store: DocumentStore, ms: number): DocumentStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver)
      if (typeof value !== 'function' || ms === 0) return value
      return async (...args: unknown[]) => {
        await sleep(ms)
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
}

async function run(latencyMs: number) {
  standin.reset()
  const data = county()
  standin.importData(data)
  const sent: SubscribeMessage[] = []
  const deps: Deps = {
    store: withLatency(createCloudStore(loadSdkAgainstStandin(standin).database()), latencyMs),
    contentCheck: contentPipeline(),
    now: () => NOW,
    newId: () => 'unused',
    defaultTownshipId: 't00',
    templates: LOCAL_TEMPLATES,
    messenger: {
      async send(message) {
        await sleep(latencyMs)
        sent.push(message)
      },
    },
  }
  standin.resetRequestCounts()
  // As the timer would: a run that spent its budget is continued by the next invocation (07:30).
  const invocations: Array<{ ms: number; done: boolean }> = []
  const first = { considered: 0, reminded: 0, failed: 0, noBoard: 0, done: false }
  const started = performance.now()
  while (!first.done && invocations.length < 5) {
    const t0 = performance.now()
    const r = await runMorningReminder(deps, { date: DATE })
    invocations.push({ ms: performance.now() - t0, done: r.done })
    first.considered += r.considered
    first.reminded += r.reminded
    first.failed += r.failed
    first.noBoard += r.noBoard
    first.done = r.done
  }
  const firstMs = performance.now() - started
  const firstRequests = standin.requestCounts()
  standin.resetRequestCounts()
  const second = await runMorningReminder(deps, { date: DATE })
  const secondRequests = standin.requestCounts()
  return { data, sent, first, firstMs, firstRequests, second, secondRequests, invocations }
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)

/**
 * The latencies the run is measured at: `npm test` only with the simulated latency (every count
 * below is the same at any latency); `npm run test:deep` also without, for the raw wall time.
 */
const LATENCIES = byDepth({ sampled: [LATENCY_MS], deep: [0, LATENCY_MS] })

it('reminds every subscriber of a county once, within the timer function limits', async () => {
  const lines = [`morning reminder, ${VILLAGES} villages, cloud adapter on the stand-in:`]
  for (const latencyMs of LATENCIES) {
    const result = await run(latencyMs)
    const subscribers = result.data.subscriptions.length
    const emptyVillages = result.data.boards.filter((b) => b.praiseCount === 0).length
    const emptySubscribers = result.data.subscriptions.filter((s) => result.data.boards.find((b) => b.villageId === s.villageId)!.praiseCount === 0).length
    expect(result.first).toMatchObject({ considered: subscribers, reminded: subscribers - emptySubscribers, noBoard: emptySubscribers, failed: 0, done: true })
    // One message per subscription: nobody twice, nobody of an empty board.
    expect(new Set(result.sent.map((m) => m.touser)).size).toBe(result.sent.length)
    expect(result.sent).toHaveLength(subscribers - emptySubscribers)
    // The second run finds nothing owed: one query.
    expect(result.second).toMatchObject({ considered: 0, reminded: 0, done: true })
    expect(total(result.secondRequests)).toBe(1)
    const inbox = standin.exportData().inbox ?? []
    expect(inbox).toHaveLength(subscribers - emptySubscribers)
    // Each invocation stays inside the function's limit (its 45 s budget plus the page in hand).
    for (const invocation of result.invocations) expect(invocation.ms).toBeLessThan(FUNCTION_LIMIT_MS)

    const requests = total(result.firstRequests)
    lines.push(
      `  ${latencyMs} ms per store operation and per send: ${emptyVillages} villages with an empty board, ${subscribers} subscriptions`,
      `    requests ${requests} (${(requests / subscribers).toFixed(2)} per subscription): ${JSON.stringify(result.firstRequests)}`,
      `    wall time ${Math.round(result.firstMs)} ms (${result.invocations.length} invocation(s); limit ${FUNCTION_LIMIT_MS} ms each)`,
      `    second run: ${JSON.stringify(result.secondRequests)}`,
    )
  }
  console.log(`${lines.join('\n')}\n${depthNote('tests/backend/notify/morning-reminder-county.test.ts')}`)
})
