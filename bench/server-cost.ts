import { ACTION_NAMES, type ActionName } from '../types/api'
import type { DocumentStore } from '../core/store'
import { PERMISSIONS } from '../core/permissions'
import { chinaDay } from '../core/time'
import { handleApiCall } from '../backend/router'
import type { Deps } from '../backend/deps'
import { runDailyPublish } from '../backend/publish/daily'
import { PAYLOADS, allowedCaller, idSource, reachableTarget, type FixtureContext, type FixtureTarget } from '../tests/support/action-fixtures'
import { countingStore, type StoreCounts } from './counting-store'
import { quantile } from './util'

/** One action measured through the router: latency and what it asked of the store per call. */
export interface ActionCost {
  action: ActionName
  caller: string
  calls: number
  p50Ms: number
  p95Ms: number
  /** Per call (the median over the calls; `varies` says whether calls differed). */
  reads: number
  writes: number
  transactions: number
  roundTrips: number
  varies: boolean
}

/** What one kind of call cost in round trips, on one adapter (median over the calls). */
export interface RoundTripCost {
  action: ActionName | 'publish (1st run)' | 'publish (2nd run)'
  /** Round trips expected from the port operations (the counting-store cost model). */
  modelRoundTrips: number
  /** HTTP requests wx-server-sdk actually sent to the stand-in (cloud adapter only). */
  requests: number | null
  byRequest: Record<string, number>
  /** Whether the model and the requests agreed on every call (true when there are no requests to compare). */
  agree: boolean
}

/** The stand-in's request counter, when the store behind is the cloud adapter. */
export interface RequestCounter {
  counts: () => Record<string, number>
  reset: () => void
}

/** The action's payload factory; an action without one cannot be benchmarked (nor walked by the matrix). */
function payloadFactory(action: ActionName): (c: FixtureContext, t: FixtureTarget) => Promise<unknown> {
  const factory = (PAYLOADS as Partial<Record<string, unknown>>)[action]
  if (typeof factory !== 'function') throw new Error(`${action} has no payload factory in tests/support/action-fixtures.ts`)
  return factory as (c: FixtureContext, t: FixtureTarget) => Promise<unknown>
}

const perCall = (counts: StoreCounts[], key: 'reads' | 'writes' | 'transactions' | 'roundTrips') => quantile(counts.map((c) => c[key]), 0.5)

/**
 * Every action of the contract, called `calls` times (after `warmup` unmeasured calls) through the
 * router by a caller the permission table allows, on a target in 帖沟村 prepared fresh for each
 * call by the same payload factories the permission matrix uses. The preparation writes through
 * `raw`; the measured call goes through a counting wrapper around the same store.
 */
/**
 * Actions one village or township can only take so many of (warm-up calls included): each catalogue
 * copy takes a year of 2000–2100, each application a (star, year) of 2000 to this year.
 */
const CALL_CAPS: Partial<Record<ActionName, number>> = { 'catalogue.copyYear': 60, 'application.create': 60 }

export async function measureActions(options: {
  raw: DocumentStore
  deps: Omit<Deps, 'store'>
  calls: number
  warmup: number
  actions?: readonly ActionName[]
}): Promise<ActionCost[]> {
  const counting = countingStore(options.raw)
  const deps: Deps = { ...options.deps, store: counting }
  const now = deps.now()
  const ctx: FixtureContext = { store: options.raw, now, today: chinaDay(now), nextId: idSource(`b${Date.now().toString(36)}`) }
  const results: ActionCost[] = []
  for (const action of options.actions ?? ACTION_NAMES) {
    // 帖沟村 for most; a star's record (方北村, 生态宜居星) for the task forces' actions.
    const target = reachableTarget(PERMISSIONS[action])
    const caller = allowedCaller(PERMISSIONS[action], target)
    const factory = payloadFactory(action)
    const latencies: number[] = []
    const counts: StoreCounts[] = []
    const calls = Math.min(options.calls, CALL_CAPS[action] ?? Infinity)
    for (let i = 0; i < options.warmup + calls; i++) {
      const data = await factory(ctx, target)
      counting.reset()
      const started = performance.now()
      const response = await handleApiCall({ action, data }, caller.openid, deps)
      const elapsed = performance.now() - started
      if (!response.ok) throw new Error(`bench: ${action} as ${caller.label} failed: ${JSON.stringify(response.error)}`)
      if (i < options.warmup) continue
      latencies.push(elapsed)
      counts.push(counting.counts())
    }
    results.push({
      action,
      caller: caller.label,
      calls,
      p50Ms: quantile(latencies, 0.5),
      p95Ms: quantile(latencies, 0.95),
      reads: perCall(counts, 'reads'),
      writes: perCall(counts, 'writes'),
      transactions: perCall(counts, 'transactions'),
      roundTrips: perCall(counts, 'roundTrips'),
      varies: new Set(counts.map((c) => `${c.reads}/${c.writes}/${c.transactions}/${c.roundTrips}`)).size > 1,
    })
  }
  return results
}

/**
 * Today's publish twice, then `calls` calls of every action — the same sequence whichever store is
 * behind — recording per call the counting store's round-trip model and, on the cloud adapter, the
 * requests wx-server-sdk sent to the stand-in.
 */
export async function measureRoundTrips(options: {
  raw: DocumentStore
  deps: Omit<Deps, 'store'>
  calls: number
  requests?: RequestCounter
}): Promise<RoundTripCost[]> {
  const counting = countingStore(options.raw)
  const deps: Deps = { ...options.deps, store: counting }
  const now = deps.now()
  const ctx: FixtureContext = { store: options.raw, now, today: chinaDay(now), nextId: idSource(`r${Date.now().toString(36)}`) }
  const out: RoundTripCost[] = []
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)

  const measure = async (action: RoundTripCost['action'], times: number, prepare: () => Promise<unknown>, run: (data: unknown) => Promise<void>) => {
    const model: number[] = []
    const requests: number[] = []
    let byRequest: Record<string, number> = {}
    for (let i = 0; i < times; i++) {
      const data = await prepare()
      counting.reset()
      options.requests?.reset()
      await run(data)
      model.push(counting.counts().roundTrips)
      if (options.requests) {
        byRequest = options.requests.counts()
        requests.push(total(byRequest))
      }
    }
    out.push({
      action,
      modelRoundTrips: quantile(model, 0.5),
      requests: options.requests ? quantile(requests, 0.5) : null,
      byRequest,
      agree: !options.requests || model.every((m, i) => m === requests[i]),
    })
  }

  await measure('publish (1st run)', 1, async () => undefined, async () => void (await runDailyPublish(deps)))
  await measure('publish (2nd run)', 1, async () => undefined, async () => void (await runDailyPublish(deps)))
  for (const action of ACTION_NAMES) {
    const target = reachableTarget(PERMISSIONS[action])
    const caller = allowedCaller(PERMISSIONS[action], target)
    const factory = payloadFactory(action)
    await measure(action, options.calls, () => factory(ctx, target), async (data) => {
      const response = await handleApiCall({ action, data }, caller.openid, deps)
      if (!response.ok) throw new Error(`bench: ${action} as ${caller.label} failed: ${JSON.stringify(response.error)}`)
    })
  }
  return out
}
