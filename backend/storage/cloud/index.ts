import { StoreConflict, type Doc, type DocumentStore, type FindQuery, type Scalar, type TxStore, type Where } from '../../../core/store'
import { StoreMissing } from '../errors'
import { requireIndex } from '../indexed'
import { assertOpen, createTxScope, type TxState } from '../tx-scope'
import { assertCollection, assertId, assertLimit, isEmptyPatch, patchIsApplied, toStorableDoc, toStorablePatch } from '../values'
import { matchesEquality, parseExpect, parseWhere } from '../where'
import type { CloudDatabase, CloudTransaction } from './cloud-database'
import { toCloudUpdate, toCloudWhere } from './cloud-query'
import { contended } from '../../../core/errors'
import { docOf, docsOf, isDuplicateKey, isMissingDocument, retryingConflicts, retryingLimits as retry, removedOf, totalOf, updatedOf } from './cloud-results'

export type { CloudDatabase } from './cloud-database'

/**
 * The production adapter over `cloud.database()`. It never loads wx-server-sdk itself: the cloud
 * function entry passes the database in, so local mode cannot pull the SDK in by accident.
 */
export function createCloudStore(db: CloudDatabase): DocumentStore {
  const _ = db.command
  const scope = createTxScope()

  const getDoc = async <T extends Doc>(collection: string, id: string): Promise<T | null> => {
    const docs = await retry(() => docsOf(db.collection(collection).where({ _id: id }).limit(1).get()))
    return (docs[0] as T | undefined) ?? null
  }

  const add = async (target: { add(options: { data: Record<string, unknown> }): unknown }, collection: string, doc: Doc) => {
    try {
      await retry(async () => target.add({ data: { ...doc } }))
    } catch (error) {
      if (isDuplicateKey(error)) throw new StoreConflict(collection, doc._id)
      throw error
    }
  }

  const txStore = (t: CloudTransaction, state: TxState): TxStore => {
    const get = async <T extends Doc>(collection: string, id: string): Promise<T | null> => {
      assertOpen(state)
      try {
        return (await docOf(t.collection(assertCollection(collection)).doc(assertId(id)).get())) as T
      } catch (error) {
        if (isMissingDocument(error)) return null
        throw error
      }
    }
    return {
      get,
      async insert(collection, doc) {
        const stored = toStorableDoc(doc)
        // Checked first: a duplicate-key error inside a cloud transaction aborts the whole
        // transaction, while SQLite lets the work catch StoreConflict and carry on.
        if (await get(collection, stored._id)) throw new StoreConflict(collection, stored._id)
        await add(t.collection(collection), collection, stored)
      },
      async patch(collection, id, fields) {
        assertOpen(state)
        const patch = toStorablePatch(fields)
        if (isEmptyPatch(patch)) return
        const ref = t.collection(assertCollection(collection)).doc(assertId(id))
        const updated = await updatedOf(ref.update({ data: toCloudUpdate(patch, _) }))
        if (updated === 0 && !(await get(collection, id))) throw new StoreMissing(collection, id)
      },
    }
  }

  return {
    get: async <T extends Doc>(collection: string, id: string) => getDoc<T>(assertCollection(collection), assertId(id)),

    async insert(collection, doc) {
      scope.refuseInside('insert')
      await add(db.collection(assertCollection(collection)), collection, toStorableDoc(doc))
    },

    async insertIfAbsent(collection, doc) {
      scope.refuseInside('insertIfAbsent')
      try {
        await add(db.collection(assertCollection(collection)), collection, toStorableDoc(doc))
        return true
      } catch (error) {
        if (error instanceof StoreConflict) return false
        throw error
      }
    },

    async patch(collection, id, fields) {
      scope.refuseInside('patch')
      const name = assertCollection(collection)
      const patch = toStorablePatch(fields)
      if (isEmptyPatch(patch)) return
      const updated = await retry(() => updatedOf(db.collection(name).doc(assertId(id)).update({ data: toCloudUpdate(patch, _) })))
      // The service counts modified documents, so 0 also means "already had these values".
      if (updated === 0 && !(await getDoc(name, id))) throw new StoreMissing(name, id)
    },

    async updateWhere(collection, where, fields) {
      scope.refuseInside('updateWhere')
      const name = assertCollection(collection)
      const clauses = parseWhere(where)
      requireIndex(name, clauses)
      const patch = toStorablePatch(fields)
      if (isEmptyPatch(patch)) return 0
      // where(…).update(…) on the server SDK updates every match (multi) in one request.
      return retry(() => updatedOf(db.collection(name).where(toCloudWhere(clauses, _)).update({ data: toCloudUpdate(patch, _) })))
    },

    async removeWhere(collection, where) {
      scope.refuseInside('removeWhere')
      const name = assertCollection(collection)
      const clauses = parseWhere(where)
      requireIndex(name, clauses)
      // where(…).remove() on the server SDK deletes every match (multi) in one request.
      return retry(() => removedOf(db.collection(name).where(toCloudWhere(clauses, _)).remove()))
    },

    async patchIf(collection, id, expect: Record<string, Scalar>, fields) {
      scope.refuseInside('patchIf')
      const name = assertCollection(collection)
      const expected = parseExpect(expect)
      const patch = toStorablePatch(fields)
      assertId(id)
      if (!isEmptyPatch(patch)) {
        const query = db.collection(name).where({ ...toCloudWhere(expected, _), _id: id })
        if ((await retry(() => updatedOf(query.update({ data: toCloudUpdate(patch, _) })))) === 1) return true
      }
      // Nothing modified: either an expectation failed or the values were already in place.
      // Reading now and finding both true is a valid outcome at this later instant.
      const doc = await getDoc(name, id)
      return doc !== null && matchesEquality(doc, expected) && patchIsApplied(doc, patch)
    },

    async find<T extends Doc>(collection: string, query: FindQuery) {
      const name = assertCollection(collection)
      const clauses = parseWhere(query.where)
      requireIndex(name, clauses, query.orderBy)
      let cursor = db.collection(name).where(toCloudWhere(clauses, _))
      for (const [field, direction] of query.orderBy ?? []) cursor = cursor.orderBy(field, direction)
      const limited = cursor.limit(assertLimit(query.limit))
      return (await retry(() => docsOf(limited.get()))) as T[]
    },

    async count(collection: string, where: Where) {
      const name = assertCollection(collection)
      const clauses = parseWhere(where)
      requireIndex(name, clauses)
      return retry(() => totalOf(db.collection(name).where(toCloudWhere(clauses, _)).count()))
    },

    async transaction<T>(work: (tx: TxStore) => Promise<T>): Promise<T> {
      scope.refuseInside('transaction')
      // runTransaction re-runs the callback at once (3 times) when the service reports a conflict; a
      // transaction refused for the connection limit (−501004) committed nothing and runs again whole;
      // one still conflicting, or aborted by the database, runs again after a jittered pause, and
      // past the last one is refused as CONFLICT ("please try again"), never a server fault.
      const run = () => retry(() => db.runTransaction(async (t) => {
        const state: TxState = { open: true }
        try {
          return await scope.run(state, () => work(txStore(t, state)))
        } finally {
          state.open = false
        }
      }))
      return (await retryingConflicts(run, contended)) as T
    },
  }
}
