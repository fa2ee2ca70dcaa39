import type { Doc, DocumentStore, FindQuery, Scalar, TxStore, Where } from '../core/store'

/** Port operations seen by a CountingStore since its last reset. */
export interface StoreCounts {
  reads: number
  writes: number
  transactions: number
  /** Inserts inside a transaction (the cloud adapter checks the id first: see roundTrips). */
  txInserts: number
  /** Round trips the cloud adapter needs for these operations, by the cost model below. */
  roundTrips: number
  byOperation: Record<string, number>
}

const empty = (): StoreCounts => ({ reads: 0, writes: 0, transactions: 0, txInserts: 0, roundTrips: 0, byOperation: {} })

/**
 * What each port operation costs in requests to the CloudBase database on the cloud adapter
 * (backend/storage/cloud): one request each, except a transaction (start + commit or abort) and an
 * insert inside one (a get first, since a duplicate-key error would abort the cloud transaction).
 * A patch that modifies nothing, and a patchIf whose update misses, cost one extra read there; the
 * bench prints a mismatch when the stand-in's count says that happened.
 */
const ROUND_TRIPS: Record<string, number> = {
  get: 1, find: 1, count: 1, insert: 1, insertIfAbsent: 1, patch: 1, patchIf: 1, updateWhere: 1, removeWhere: 1,
  transaction: 2, 'tx.get': 1, 'tx.insert': 2, 'tx.patch': 1,
}
const READS = new Set(['get', 'find', 'count', 'tx.get'])

/** A DocumentStore that delegates every call to `inner` and counts it. */
export interface CountingStore extends DocumentStore {
  counts(): StoreCounts
  reset(): void
}

export function countingStore(inner: DocumentStore): CountingStore {
  let counts = empty()
  const note = (operation: string) => {
    counts.byOperation[operation] = (counts.byOperation[operation] ?? 0) + 1
    counts.roundTrips += ROUND_TRIPS[operation]
    if (operation === 'transaction') counts.transactions++
    else if (READS.has(operation)) counts.reads++
    else counts.writes++
    if (operation === 'tx.insert') counts.txInserts++
  }
  const countingTx = (tx: TxStore): TxStore => ({
    get<T extends { _id: string }>(collection: string, id: string) {
      note('tx.get')
      return tx.get<T>(collection, id)
    },
    insert(collection: string, doc: Doc) {
      note('tx.insert')
      return tx.insert(collection, doc)
    },
    patch(collection: string, id: string, fields: Record<string, unknown>) {
      note('tx.patch')
      return tx.patch(collection, id, fields)
    },
  })
  return {
    get<T extends { _id: string }>(collection: string, id: string) {
      note('get')
      return inner.get<T>(collection, id)
    },
    insert(collection: string, doc: Doc) {
      note('insert')
      return inner.insert(collection, doc)
    },
    patch(collection: string, id: string, fields: Record<string, unknown>) {
      note('patch')
      return inner.patch(collection, id, fields)
    },
    find<T extends { _id: string }>(collection: string, query: FindQuery) {
      note('find')
      return inner.find<T>(collection, query)
    },
    count(collection: string, where: Where) {
      note('count')
      return inner.count(collection, where)
    },
    insertIfAbsent(collection: string, doc: Doc) {
      note('insertIfAbsent')
      return inner.insertIfAbsent(collection, doc)
    },
    patchIf(collection: string, id: string, expect: Record<string, Scalar>, fields: Record<string, unknown>) {
      note('patchIf')
      return inner.patchIf(collection, id, expect, fields)
    },
    updateWhere(collection: string, where: Where, fields: Record<string, unknown>) {
      note('updateWhere')
      return inner.updateWhere(collection, where, fields)
    },
    removeWhere(collection: string, where: Where) {
      note('removeWhere')
      return inner.removeWhere(collection, where)
    },
    transaction<T>(work: (tx: TxStore) => Promise<T>) {
      note('transaction')
      return inner.transaction((tx) => work(countingTx(tx)))
    },
    counts: () => ({ ...counts, byOperation: { ...counts.byOperation } }),
    reset() {
      counts = empty()
    },
  }
}
