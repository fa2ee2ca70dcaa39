import fs from 'node:fs'
import path from 'node:path'
import { createSqliteStore } from '../backend/storage/sqlite'
import { contentPipeline } from '../backend/content/pipeline'
import { newTimeOrderedId, type Deps } from '../backend/deps'
import { DEMO_ADMIN_OPENID, FANGGANG } from '../backend/seed/fanggang-data'
import { localInviteQr } from './invite-qr'
import { localFileSink } from '../backend/files'

/** Local mode's adapters: SQLite in DATA_DIR and the civic content rules (no msgSecCheck off WeChat). Never loads wx-server-sdk. */
export function createLocalDeps(dataDir: string, now: () => Date = () => new Date(), options: { baseUrl?: string } = {}) {
  fs.mkdirSync(dataDir, { recursive: true })
  const store = createSqliteStore({ file: path.join(dataDir, 'five-star.sqlite') })
  const deps: Deps = {
    store,
    contentCheck: contentPipeline(),
    now,
    newId: newTimeOrderedId,
    defaultTownshipId: FANGGANG.id,
    // Locally the seed's admin plays the deployment admin (ADMIN_OPENIDS in the cloud).
    deploymentAdmins: [DEMO_ADMIN_OPENID],
    ...(options.baseUrl ? { inviteQr: localInviteQr(options.baseUrl) } : {}),
    files: localFileSink(dataDir),
  }
  return { deps, close: () => store.close() }
}
