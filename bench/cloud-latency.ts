import { createSqliteStore } from '../backend/storage/sqlite'
import { COLLECTION_NAMES } from '../backend/storage/collections'
import { createCloudStore, type CloudDatabase } from '../backend/storage/cloud'
import { runDailyPublish } from '../backend/publish/daily'
import type { PublishReport } from '../backend/publish/publish-due'
import { handleApiCall } from '../backend/router'
import type { Deps } from '../backend/deps'
import { chinaDay } from '../core/time'
import { DEMO } from '../tests/support/app-harness'
import { startCloudbaseStandin } from '../tests/support/cloudbase-standin'
import { loadSdkAgainstStandin } from '../tests/support/wx-server-sdk-on-standin'
import { buildDataset, type Scale } from './dataset'

export const LATENCY_MS = 10

export interface LatencyPublishRun {
  ms: number
  requests: number
  byAction: Record<string, number>
  report: PublishReport
}

export interface LatencyPublish {
  villages: number
  dueNotices: number
  first: LatencyPublishRun
  second: LatencyPublishRun
}

export interface BoardReadCost {
  caller: string
  requests: number
  ms: number
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0)

/**
 * The daily publish on the cloud adapter (the real wx-server-sdk) against the CloudBase stand-in
 * answering every database request after 10 ms: wall time and requests, first and second run; then,
 * on the published township, what `board.get` costs each kind of caller.
 */
export async function measureCloudLatency(
  scales: Scale[],
  deps: Omit<Deps, 'store'>,
  log: (line: string) => void,
): Promise<{ publish: LatencyPublish[]; boardGet: BoardReadCost[] }> {
  const standin = await startCloudbaseStandin({ collections: COLLECTION_NAMES, latencyMs: LATENCY_MS })
  try {
    const store = createCloudStore(loadSdkAgainstStandin(standin).database() as unknown as CloudDatabase)
    const withStore: Deps = { ...deps, store }
    const publish: LatencyPublish[] = []
    let boardGet: BoardReadCost[] = []
    for (const scale of scales) {
      // Two days are enough: yesterday's boards (in the shape today's code writes) and today's due notices.
      const seed = createSqliteStore({ file: ':memory:' })
      const dataset = await buildDataset(seed, { ...scale, days: 2 }, chinaDay(deps.now()))
      standin.reset()
      standin.importData(seed.dump())
      seed.close()
      log(`cloud latency: publish for ${dataset.villages} villages at ${LATENCY_MS} ms per request`)
      const once = async (): Promise<LatencyPublishRun> => {
        standin.resetRequestCounts()
        const started = performance.now()
        const report = await runDailyPublish(withStore)
        const byAction = standin.requestCounts()
        return { ms: performance.now() - started, requests: total(byAction), byAction, report }
      }
      const first = await once()
      const second = await once()
      publish.push({ villages: dataset.villages, dueNotices: dataset.dueToday, first, second })
      if (scale.name === 'township') boardGet = await boardReads(standin, withStore)
    }
    return { publish, boardGet }
  } finally {
    await standin.close()
  }
}

async function boardReads(standin: Awaited<ReturnType<typeof startCloudbaseStandin>>, deps: Deps): Promise<BoardReadCost[]> {
  const callers: Array<[string, string | null]> = [
    ['anonymous (no OPENID)', null],
    ['OPENID, no person record', 'bench-unknown-openid'],
    ['villager of the village', DEMO.villager],
    ['village cadre (internal view)', DEMO.cadre],
  ]
  const out: BoardReadCost[] = []
  for (const [caller, openid] of callers) {
    standin.resetRequestCounts()
    const started = performance.now()
    const response = await handleApiCall({ action: 'board.get', data: { villageId: 'tiegou' } }, openid, deps)
    if (!response.ok) throw new Error(`board.get as ${caller}: ${JSON.stringify(response.error)}`)
    out.push({ caller, requests: total(standin.requestCounts()), ms: performance.now() - started })
  }
  return out
}
