import type { ActionInput, ActionName } from '../../types/api'
import type { ApiResponse } from '../../types/errors'
import { createSqliteStore } from '../../backend/storage/sqlite'
import { contentPipeline } from '../../backend/content/pipeline'
import { handleApiCall } from '../../backend/router'
import { seedIfEmpty } from '../../backend/seed/seed'
import { chinaDay } from '../../core/time'
import type { Deps } from '../../backend/deps'
import type { DocumentStore } from '../../core/store'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { localFileSink } from '../../backend/files'

/** The seeded demo people, by role (see backend/seed/fanggang-data.ts). */
export const DEMO = {
  villager: 'demo-villager-tiegou',
  cadre: 'demo-cadre-tiegou',
  secretary: 'demo-secretary-tiegou',
  taskforce: 'demo-taskforce-3',
  leader: 'demo-leader',
  admin: 'demo-admin',
} as const

/** The invitation pepper of every test back end (deps.pepper), so two runs store the same rows. */
export const TEST_PEPPER = 'test-pepper-0123456789abcdef'

/** 2026-11-27 10:00 in China: after the day's 07:00 publish. */
export const DEFAULT_NOW = '2026-11-27T02:00:00.000Z'

/**
 * The back end on any store, seeded with 方岗镇, with a settable clock and predictable ids
 * (`<idPrefix>00000001`…); `call` goes through the same router the cloud function and the local server use.
 */
export async function makeAppOnStore<S extends DocumentStore>(
  store: S,
  options: {
    now?: string
    seed?: boolean
    idPrefix: string
    /** Seed the records area too (default true). */
    seedRecords?: boolean
    /** The store already holds the seed, which used this many ids: do not seed, continue after them. */
    seededIds?: number
  },
) {
  const clock = { now: new Date(options.now ?? DEFAULT_NOW) }
  let sequence = options.seededIds ?? 0
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'five-star-files-'))
  const deps: Deps = {
    store,
    contentCheck: contentPipeline(),
    now: () => clock.now,
    newId: () => `${options.idPrefix}${String(++sequence).padStart(8, '0')}`,
    defaultTownshipId: 'fanggang',
    // As in local mode, the seed's admin plays the deployment admin (ADMIN_OPENIDS).
    deploymentAdmins: [DEMO.admin],
    pepper: TEST_PEPPER,
    files: localFileSink(filesDir),
  }
  if (options.seed !== false && options.seededIds === undefined) await seedIfEmpty(deps, chinaDay(clock.now), { records: options.seedRecords })
  return {
    deps,
    store,
    clock,
    /** Where local exports land: `/exports/<name>` → this folder's `exports/<name>`. */
    filesDir,
    setNow(iso: string) {
      clock.now = new Date(iso)
    },
    call<A extends ActionName>(openid: string | null, action: A, data: ActionInput<A>): Promise<ApiResponse<any>> {
      return handleApiCall({ action, data }, openid, deps)
    },
    /** Sends any payload at all, for hostile-input tests. */
    callRaw(openid: string | null, event: unknown): Promise<ApiResponse<any>> {
      return handleApiCall(event, openid, deps)
    },
  }
}

/**
 * Seeded in-memory databases by clock: seeding 方岗镇 takes a few hundred ms and the suites make
 * hundreds of apps (the permission matrix one per action and caller), so each worker seeds once per
 * clock and every app opens a copy of those bytes, rows and ids exactly as a fresh seed writes them.
 */
const seededImages = new Map<string, Promise<{ image: Buffer; ids: number }>>()

function seededImage(now: string) {
  let image = seededImages.get(now)
  if (!image) {
    image = (async () => {
      const store = createSqliteStore({ file: ':memory:' })
      const app = await makeAppOnStore(store, { now, idPrefix: 't' })
      // The next id names how many the seed used (ids are `t` and an 8-digit count).
      const ids = Number(app.deps.newId().slice(1)) - 1
      const result = { image: store.serialize(), ids }
      store.close()
      return result
    })()
    seededImages.set(now, image)
  }
  return image
}

/** The whole back end on an in-memory (or given) SQLite database: see makeAppOnStore. */
export async function makeTestApp(options: { now?: string; seed?: boolean; file?: string } = {}) {
  if (options.file === undefined && options.seed !== false) {
    const seeded = await seededImage(options.now ?? DEFAULT_NOW)
    const store = createSqliteStore({ file: seeded.image })
    const app = await makeAppOnStore(store, { ...options, idPrefix: 't', seededIds: seeded.ids })
    return { ...app, close: () => store.close() }
  }
  const store = createSqliteStore({ file: options.file ?? ':memory:' })
  const app = await makeAppOnStore(store, { ...options, idPrefix: 't' })
  return { ...app, close: () => store.close() }
}

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>

/** A valid draft for 帖沟村, overridable field by field. */
export function makeDraft(overrides: Partial<ActionInput<'notice.draft'>> = {}): ActionInput<'notice.draft'> {
  return {
    villageId: 'tiegou',
    kind: 'praise',
    category: '人居环境',
    subject: { name: '王建军', householdNo: '3组12号' },
    text: '主动清理门前杂物，庭院整洁有序。',
    photos: [],
    publishDate: '2026-11-28',
    ...overrides,
  }
}
