import type { DocumentStore } from '../core/store'
import type { Village } from '../types/village'
import { chinaDay, chinaMonth } from '../core/time'
import { handleApiCall } from '../backend/router'
import type { Deps } from '../backend/deps'
import { dashboardRows } from '../backend/actions/dashboard'
import { toRecord, type Stored } from '../backend/repository'
import { countingStore } from './counting-store'
import { quantile } from './util'

/** One dashboard measurement: reads and time per call (median over the calls). */
export interface DashboardCost {
  label: string
  villages: number
  calls: number
  reads: number
  p50Ms: number
  p95Ms: number
}

const LEADER = 'bench-dashboard-leader'

/**
 * dashboard.get as a township leader through the router (the township's grid, one page), and the
 * same summaries read for every village of the store a page of 50 at a time (what a county-wide
 * grid would cost: reads grow with the pages, never with the ledgers).
 */
export async function measureDashboard(raw: DocumentStore, deps: Omit<Deps, 'store'>, townshipId: string, calls: number): Promise<DashboardCost[]> {
  const counting = countingStore(raw)
  const full: Deps = { ...deps, store: counting }
  await raw.insertIfAbsent('people', { _id: LEADER, name: '镇领导', townshipId, villageId: null, grants: [{ role: 'leader' }], createdAt: deps.now().toISOString() })
  const now = deps.now()
  const year = Number(chinaDay(now).slice(0, 4))
  const out: DashboardCost[] = []

  const timeIt = async (label: string, villages: number, run: () => Promise<void>) => {
    const latencies: number[] = []
    const reads: number[] = []
    for (let i = 0; i < calls + 2; i++) {
      counting.reset()
      const started = performance.now()
      await run()
      if (i < 2) continue
      latencies.push(performance.now() - started)
      reads.push(counting.counts().reads)
    }
    out.push({ label, villages, calls, reads: quantile(reads, 0.5), p50Ms: quantile(latencies, 0.5), p95Ms: quantile(latencies, 0.95) })
  }

  let townshipVillages = 0
  await timeIt('dashboard.get (township grid, 1 page)', 0, async () => {
    const r = await handleApiCall({ action: 'dashboard.get', data: { year } }, LEADER, full)
    if (!r.ok) throw new Error(`bench: dashboard.get failed: ${JSON.stringify(r.error)}`)
    townshipVillages = (r.data as { rows: unknown[] }).rows.length
  })
  out[out.length - 1].villages = townshipVillages

  // Every village in the store, a page of 50 at a time.
  const all: Village[] = []
  const townships = await raw.find<{ _id: string }>('townships', { where: {}, limit: 1000 })
  for (const t of townships) {
    const docs = await raw.find<Stored<Village>>('villages', { where: { townshipId: t._id }, orderBy: [['order', 'asc']], limit: 1000 })
    all.push(...docs.map((d) => toRecord<Village>(d)))
  }
  const month = chinaMonth(now)
  await timeIt('all villages, pages of 50 (summaries only)', all.length, async () => {
    for (let i = 0; i < all.length; i += 50) {
      const page = all.slice(i, i + 50)
      await dashboardRows(counting, page, page[0].townshipId, year, month, chinaDay(now), now)
    }
  })
  return out
}
