import type { CiPort } from './ci'
import type { CloudClient } from './client'
import { COLLECTION_ACL } from './desired'
import { describeChange, readLocalState, writeLocalState, type Change } from './plan'

/**
 * Makes the changes in order. Each one is idempotent on its own and is recorded remotely (or, for the
 * mini-program code, in .deploy-state.json) only after it succeeded, so a run that stops anywhere is
 * finished by running deploy again: the next plan holds exactly what is still missing.
 */
export async function applyChanges(changes: Change[], deps: { client: CloudClient; ci: CiPort; appId: string; root: string; version: string; log: (line: string) => void }) {
  const { client, ci, log } = deps
  for (const change of changes) {
    log(`→ ${describeChange(change)}`)
    switch (change.step) {
      case 'collection': await client.addCollection(change.collection); break
      case 'permission': await client.setAcl(change.collection, COLLECTION_ACL); break
      case 'index': await client.createIndexes(change.collection, change.indexes); break
      case 'function-code': await ci.uploadFunction(change.fn, change.dir); break
      case 'function-settings': await client.updateFunction(change.fn, change.settings); break
      case 'trigger': await ci.createTimeTrigger(change.fn, change.triggers); break
      case 'weapp': {
        await ci.uploadCode({ version: deps.version, desc: `npm run deploy ${change.sha ?? ''}`.trim() })
        const state = readLocalState(deps.root)
        state[deps.appId] = { ...state[deps.appId], weappSha: change.sha ?? undefined }
        writeLocalState(deps.root, state)
        break
      }
    }
  }
}
