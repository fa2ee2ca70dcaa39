import fs from 'node:fs'
import path from 'node:path'
import { createSqliteStore } from '../backend/storage/sqlite'
import { contentPipeline } from '../backend/content/pipeline'
import { newTimeOrderedId, type Deps } from '../backend/deps'
import { FANGGANG } from '../backend/seed/fanggang-data'

/** Local mode's adapters: SQLite in DATA_DIR and the civic content rules (no msgSecCheck off WeChat). Never loads wx-server-sdk. */
export function createLocalDeps(dataDir: string, now: () => Date = () => new Date()) {
  fs.mkdirSync(dataDir, { recursive: true })
  const store = createSqliteStore({ file: path.join(dataDir, 'five-star.sqlite') })
  const deps: Deps = { store, contentCheck: contentPipeline(), now, newId: newTimeOrderedId, defaultTownshipId: FANGGANG.id }
  return { deps, close: () => store.close() }
}
