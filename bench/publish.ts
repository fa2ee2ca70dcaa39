import type { DocumentStore } from '../core/store'
import type { Deps } from '../backend/deps'
import { runDailyPublish } from '../backend/publish/daily'
import type { PublishReport } from '../backend/publish/publish-due'
import { countingStore, type StoreCounts } from './counting-store'

export interface PublishRun {
  ms: number
  report: PublishReport
  counts: StoreCounts
}

/** Today's 07:00 job twice in a row, through a counting wrapper: the second run must write nothing. */
export async function measureDailyPublish(raw: DocumentStore, deps: Omit<Deps, 'store'>): Promise<{ first: PublishRun; second: PublishRun }> {
  const counting = countingStore(raw)
  const withCounting: Deps = { ...deps, store: counting }
  const once = async (): Promise<PublishRun> => {
    counting.reset()
    const started = performance.now()
    const report = await runDailyPublish(withCounting)
    return { ms: performance.now() - started, report, counts: counting.counts() }
  }
  const first = await once()
  const second = await once()
  return { first, second }
}
