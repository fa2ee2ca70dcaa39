import type { ActionInput, ActionName } from '../../types/api'
import type { ApiResponse } from '../../types/errors'
import type { DocumentStore } from '../../core/store'
import { chinaDay } from '../../core/time'
import { createCloudStore, type CloudDatabase } from '../../backend/storage/cloud'
import { localContentChecker } from '../../backend/content/local-rules'
import { handleApiCall } from '../../backend/router'
import { seedIfEmpty } from '../../backend/seed/seed'
import type { Deps } from '../../backend/deps'
import { DEFAULT_NOW } from './app-harness'
import type { CloudbaseStandin } from './cloudbase-standin'
import { loadSdkAgainstStandin } from './wx-server-sdk-on-standin'

/**
 * The back end on the cloud adapter: the real wx-server-sdk talking HTTP to the CloudBase stand-in
 * (tests only — not the real cloud), emptied and seeded with 方岗镇 like makeTestApp, with the same
 * settable clock, predictable ids and `call`/`callRaw`.
 */
export async function makeCloudTestApp(standin: CloudbaseStandin, options: { now?: string; seed?: boolean } = {}) {
  standin.reset()
  const clock = { now: new Date(options.now ?? DEFAULT_NOW) }
  const store: DocumentStore = createCloudStore(loadSdkAgainstStandin(standin).database() as unknown as CloudDatabase)
  let sequence = 0
  const deps: Deps = {
    store,
    contentCheck: localContentChecker,
    now: () => clock.now,
    newId: () => `c${String(++sequence).padStart(8, '0')}`,
    defaultTownshipId: 'fanggang',
  }
  if (options.seed !== false) await seedIfEmpty(deps, chinaDay(clock.now))
  return {
    deps,
    store,
    clock,
    call<A extends ActionName>(openid: string | null, action: A, data: ActionInput<A>): Promise<ApiResponse<any>> {
      return handleApiCall({ action, data }, openid, deps)
    },
    callRaw(openid: string | null, event: unknown): Promise<ApiResponse<any>> {
      return handleApiCall(event, openid, deps)
    },
    /** Everything the stand-in holds, by collection, sorted by id. */
    dump: () => standin.exportData(),
  }
}

export type CloudTestApp = Awaited<ReturnType<typeof makeCloudTestApp>>
