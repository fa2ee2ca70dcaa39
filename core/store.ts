/**
 * The storage port: a small document store that both adapters implement with the same
 * semantics (the contract suite in tests/backend/storage proves it). Every document has a string
 * `_id`; values are JSON. Queries are equality, `in` and ranges on top-level fields, ordered
 * and limited — each one backed by an index declared in backend/storage/collections.ts.
 */
export type Scalar = string | number | boolean | null
export type Condition =
  | Scalar
  | { $in: Scalar[] }
  | { $gt?: Scalar; $gte?: Scalar; $lt?: Scalar; $lte?: Scalar; $ne?: Scalar }
export type Where = Record<string, Condition>
export type Doc = { _id: string } & Record<string, unknown>

export interface FindQuery {
  where: Where
  orderBy?: Array<[field: string, direction: 'asc' | 'desc']>
  limit: number
}

/** Operations allowed inside a transaction: by id only (WeChat cloud transactions allow no queries). */
export interface TxStore {
  get<T extends { _id: string }>(collection: string, id: string): Promise<T | null>
  /** Creates the document; throws StoreConflict if the id exists. */
  insert(collection: string, doc: Doc): Promise<void>
  /** Replaces fields of an existing document. */
  patch(collection: string, id: string, fields: Record<string, unknown>): Promise<void>
}

export interface DocumentStore extends TxStore {
  find<T extends { _id: string }>(collection: string, query: FindQuery): Promise<T[]>
  count(collection: string, where: Where): Promise<number>
  /** Inserts unless a document with that id exists; answers whether it inserted. */
  insertIfAbsent(collection: string, doc: Doc): Promise<boolean>
  /**
   * Patches every document matching `where` in one request (not atomic across documents: each one
   * changes or not on its own); answers how many documents it changed — a match already holding the
   * values counts 0. The where is served by an index, or names `_id` by value or `$in` (≤ 100 ids).
   * Outside transactions only (cloud transactions take single documents).
   */
  updateWhere(collection: string, where: Where, fields: Record<string, unknown>): Promise<number>
  /**
   * Deletes every document matching `where` in one request; answers how many it deleted. For
   * retention only: records people act on are never deleted. Same where rules as updateWhere;
   * outside transactions only.
   */
  removeWhere(collection: string, where: Where): Promise<number>
  /** Compare-and-set: patches only if every `expect` field still holds; answers whether it did. */
  patchIf(collection: string, id: string, expect: Record<string, Scalar>, fields: Record<string, unknown>): Promise<boolean>
  /** Runs `work` atomically: all its writes land or none do. Conflicting concurrent work is retried or refused. */
  transaction<T>(work: (tx: TxStore) => Promise<T>): Promise<T>
}

/** Thrown by insert when the id is taken. */
export class StoreConflict extends Error {
  constructor(collection: string, id: string) {
    super(`${collection}/${id} already exists`)
    this.name = 'StoreConflict'
  }
}
