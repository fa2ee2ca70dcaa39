import type { DocumentStore } from '../../core/store'
import { createCloudStore } from '../../backend/storage/cloud'
import { makeAppOnStore } from './app-harness'
import type { CloudbaseStandin, StandinDoc } from './cloudbase-standin'
import { loadSdkAgainstStandin } from './wx-server-sdk-on-standin'

const seededImages = new WeakMap<CloudbaseStandin, Map<string, { data: Record<string, StandinDoc[]>; ids: number }>>()

/**
 * The back end on the cloud adapter: the real wx-server-sdk talking HTTP to the CloudBase stand-in
 * (tests only — not the real cloud), emptied and seeded with 方岗镇 like makeTestApp, with the same
 * settable clock, predictable ids and `call`/`callRaw`.
 */
export async function makeCloudTestApp(
  standin: CloudbaseStandin,
  options: {
    now?: string
    seed?: boolean
    seedRecords?: boolean
    /**
     * Seed through the SDK once per stand-in, clock and records choice, and give every later app a
     * copy of those documents (imported straight into the stand-in) and ids: for suites that make a
     * fresh app per test and do not count the seed's requests.
     */
    reuseSeed?: boolean
  } = {},
) {
  standin.reset()
  const store: DocumentStore = createCloudStore(loadSdkAgainstStandin(standin).database())
  // The records seed is several hundred documents, a few seconds over the stand-in's HTTP: only when asked.
  const seedRecords = options.seedRecords ?? false
  const key = `${options.now ?? ''}|${seedRecords}`
  const image = options.reuseSeed && options.seed !== false ? seededImages.get(standin)?.get(key) : undefined
  if (image) standin.importData(image.data)
  const app = await makeAppOnStore(store, { ...options, seedRecords, idPrefix: 'c', seededIds: image?.ids })
  if (options.reuseSeed && options.seed !== false && !image) {
    // The next id names how many the seed used (ids are `c` and an 8-digit count); the app goes on after it.
    let sequence = Number(app.deps.newId().slice(1))
    app.deps.newId = () => `c${String(++sequence).padStart(8, '0')}`
    const images = seededImages.get(standin) ?? new Map()
    images.set(key, { data: standin.exportData(), ids: sequence })
    seededImages.set(standin, images)
  }
  return {
    ...app,
    /** Everything the stand-in holds, by collection, sorted by id. */
    dump: () => standin.exportData(),
  }
}
