import type { DocumentStore } from '../../core/store'
import { createCloudStore } from '../../backend/storage/cloud'
import { makeAppOnStore } from './app-harness'
import type { CloudbaseStandin } from './cloudbase-standin'
import { loadSdkAgainstStandin } from './wx-server-sdk-on-standin'

/**
 * The back end on the cloud adapter: the real wx-server-sdk talking HTTP to the CloudBase stand-in
 * (tests only — not the real cloud), emptied and seeded with 方岗镇 like makeTestApp, with the same
 * settable clock, predictable ids and `call`/`callRaw`.
 */
export async function makeCloudTestApp(standin: CloudbaseStandin, options: { now?: string; seed?: boolean; seedRecords?: boolean } = {}) {
  standin.reset()
  const store: DocumentStore = createCloudStore(loadSdkAgainstStandin(standin).database())
  // The records seed is several hundred documents, a few seconds over the stand-in's HTTP: only when asked.
  const app = await makeAppOnStore(store, { ...options, seedRecords: options.seedRecords ?? false, idPrefix: 'c' })
  return {
    ...app,
    /** Everything the stand-in holds, by collection, sorted by id. */
    dump: () => standin.exportData(),
  }
}
