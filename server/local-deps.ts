import fs from 'node:fs'
import path from 'node:path'
import { createSqliteStore } from '../backend/storage/sqlite'
import { localContentChecker } from '../backend/content/local-rules'
import { newTimeOrderedId, type Deps } from '../backend/deps'
import { FANGGANG } from '../backend/seed/fanggang-data'
import { localFileSink } from '../backend/files'

/** Local mode's adapters: SQLite in DATA_DIR and the local content rules. Never loads wx-server-sdk. */
export function createLocalDeps(dataDir: string, now: () => Date = () => new Date()) {
  fs.mkdirSync(dataDir, { recursive: true })
  const store = createSqliteStore({ file: path.join(dataDir, 'five-star.sqlite') })
  const deps: Deps = { store, contentCheck: localContentChecker, now, newId: newTimeOrderedId, defaultTownshipId: FANGGANG.id, files: localFileSink(dataDir) }
  return { deps, close: () => store.close() }
}
