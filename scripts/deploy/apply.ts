import type { CiPort } from './ci'
import type { CloudClient } from './client'
import { COLLECTION_ACL } from './desired'
import { describeChange, readLocalState, writeLocalState, type Change } from './plan'

interface ApplyDeps { client: CloudClient; ci: CiPort; appId: string; root: string; version: string; log: (line: string) => void }
type Appliers = { [Step in Change['step']]: (change: Extract<Change, { step: Step }>, deps: ApplyDeps) => Promise<void> }

const APPLY = {
  collection: (change, { client }) => client.addCollection(change.collection),
  permission: (change, { client }) => client.setAcl(change.collection, COLLECTION_ACL),
  index: (change, { client }) => client.createIndexes(change.collection, change.indexes),
  'function-code': (change, { ci }) => ci.uploadFunction(change.fn, change.dir),
  'function-settings': (change, { client }) => client.updateFunction(change.fn, change.settings),
  trigger: (change, { ci }) => ci.createTimeTrigger(change.fn, change.triggers),
  weapp: async (change, { ci, root, appId, version }) => {
    await ci.uploadCode({ version, desc: `npm run deploy ${change.sha ?? ''}`.trim() })
    const state = readLocalState(root)
    state[appId] = { ...state[appId], weappSha: change.sha ?? undefined }
    writeLocalState(root, state)
  },
} satisfies Appliers

/**
 * Makes the changes in order. Each one is idempotent on its own and is recorded remotely (or, for the
 * mini-program code, in .deploy-state.json) only after it succeeded, so a run that stops anywhere is
 * finished by running deploy again: the next plan holds exactly what is still missing.
 */
export async function applyChanges(changes: Change[], deps: ApplyDeps) {
  for (const change of changes) {
    deps.log(`→ ${describeChange(change)}`)
    await (APPLY[change.step] as (change: Change, deps: ApplyDeps) => Promise<void>)(change, deps)
  }
}
