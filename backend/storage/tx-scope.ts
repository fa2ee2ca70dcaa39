import { AsyncLocalStorage } from 'node:async_hooks'
import { StoreMisuse } from './errors'

/** The state of one running transaction, visible to the code its `work` calls. */
export interface TxState {
  open: boolean
}

/**
 * Knows whether the caller is inside a transaction's work. Writes through the outer store from
 * there would escape the transaction in the cloud and deadlock on SQLite's lock, so both adapters
 * refuse them the same way.
 */
export function createTxScope() {
  const storage = new AsyncLocalStorage<TxState>()
  return {
    /** True while the caller runs inside an open transaction's work. */
    inside: () => storage.getStore()?.open === true,
    run<T>(state: TxState, work: () => Promise<T>): Promise<T> {
      return storage.run(state, work)
    },
    refuseInside(operation: string): void {
      if (storage.getStore()?.open) {
        throw new StoreMisuse(`${operation} through the store inside a transaction: use the tx argument instead`)
      }
    },
  }
}

export function assertOpen(state: TxState): void {
  if (!state.open) throw new StoreMisuse('the transaction has already finished')
}
