import type { DocumentStore, TxStore } from '../../../core/store'
import type { Deps } from '../../../backend/deps'

/** What a process dying mid-run looks like to the code under test: the next write never happens. */
export class SimulatedCrash extends Error {
  constructor(readonly afterWrites: number) {
    super(`simulated crash after ${afterWrites} writes`)
    this.name = 'SimulatedCrash'
  }
}

/**
 * Wraps a store so that the write after the first `writesBeforeCrash` ones throws, and every write
 * after that too (a dead process writes nothing more). Writes inside a transaction count, and the
 * throw aborts that transaction as a crash would. `writes` tells how many went through.
 */
export function crashingStore(inner: DocumentStore, writesBeforeCrash: number) {
  const state = { writes: 0, crashed: false }
  const write = async <T>(run: () => Promise<T>): Promise<T> => {
    if (state.writes >= writesBeforeCrash) {
      state.crashed = true
      throw new SimulatedCrash(state.writes)
    }
    state.writes++
    return run()
  }
  const wrapTx = (tx: TxStore): TxStore => ({
    get: (collection, id) => tx.get(collection, id),
    insert: (collection, doc) => write(() => tx.insert(collection, doc)),
    patch: (collection, id, fields) => write(() => tx.patch(collection, id, fields)),
  })
  const store: DocumentStore = {
    get: (collection, id) => inner.get(collection, id),
    find: (collection, query) => inner.find(collection, query),
    count: (collection, where) => inner.count(collection, where),
    insert: (collection, doc) => write(() => inner.insert(collection, doc)),
    patch: (collection, id, fields) => write(() => inner.patch(collection, id, fields)),
    insertIfAbsent: (collection, doc) => write(() => inner.insertIfAbsent(collection, doc)),
    patchIf: (collection, id, expect, fields) => write(() => inner.patchIf(collection, id, expect, fields)),
    updateWhere: (collection, where, fields) => write(() => inner.updateWhere(collection, where, fields)),
    removeWhere: (collection, where) => write(() => inner.removeWhere(collection, where)),
    transaction: (work) => inner.transaction((tx) => work(wrapTx(tx))),
  }
  return { store, state }
}

/** The same ports with the crashing store in place. */
export function withCrashingStore(deps: Deps, writesBeforeCrash: number) {
  const { store, state } = crashingStore(deps.store, writesBeforeCrash)
  return { deps: { ...deps, store }, state }
}
