/**
 * The in-memory data behind the CloudBase stand-in (tests only — NOT the real cloud): documents
 * as the SDK's EJSON decodes them, Mongo semantics from mingo, and transactions serialized by one
 * lock with their writes buffered until commit.
 */
import { randomBytes } from 'node:crypto'
import { EJSON } from 'bson'
import { find, update } from 'mingo'

export type StandinDoc = { _id: string } & Record<string, unknown>
type Filter = Record<string, unknown>

/** An error the stand-in answers with `{ code, message }`, the way the service reports failures. */
export class StandinError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

interface Transaction {
  id: string
  /** The version of every document the transaction read or wrote, when it first touched it. */
  seen: Map<string, number>
  writes: Map<string, { collection: string; id: string; doc: StandinDoc | null }>
  expiry: NodeJS.Timeout
}

export interface ReadOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Record<string, unknown>
}

export interface ModifyOptions {
  data: unknown
  merge: boolean
  multi: boolean
  upsert: boolean
}

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`
type Ejsonable = Parameters<typeof EJSON.stringify>[0]
const clone = <T>(value: T): T => EJSON.parse(EJSON.stringify(value as Ejsonable, { relaxed: false })) as T
/** EJSON text with keys sorted, to tell whether an update changed anything. */
const canonical = (value: unknown): string => EJSON.stringify(sortKeys(value) as Ejsonable, { relaxed: false })
const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]))
}
const newId = () => randomBytes(16).toString('hex')
// A transaction whose caller vanished releases the lock this long after its last request.
const TRANSACTION_TTL_MS = 30_000

export class StandinData {
  private readonly collections = new Map<string, Map<string, StandinDoc>>()
  private readonly versions = new Map<string, number>()
  private readonly transactions = new Map<string, Transaction>()
  private lockedBy: string | null = null
  private readonly lockWaiters: Array<() => void> = []

  constructor(
    private readonly env: string,
    private readonly known?: ReadonlySet<string>,
    private readonly transactionTtlMs = TRANSACTION_TTL_MS,
    /**
     * `serialized`: one transaction at a time (a lock), so transactions never conflict with each
     * other. `concurrent`: they overlap, as on the service: a write to a document another open
     * transaction has written fails at once (WriteConflict, aborting the transaction), and the commit
     * of one whose documents changed since it read them answers DATABASE_TRANSACTION_CONFLICT.
     */
    private readonly isolation: 'serialized' | 'concurrent' = 'serialized',
  ) {}

  // --- plain operations -------------------------------------------------------------------

  read(collection: string, filter: Filter, options: ReadOptions = {}): StandinDoc[] {
    let cursor = find([...this.docs(collection).values()], filter, options.projection)
    if (options.order && Object.keys(options.order).length > 0) cursor = cursor.sort(options.order)
    if (options.offset) cursor = cursor.skip(options.offset)
    if (options.limit) cursor = cursor.limit(options.limit)
    return (cursor.all() as StandinDoc[]).map(clone)
  }

  count(collection: string, filter: Filter): number {
    return find([...this.docs(collection).values()], filter).all().length
  }

  insert(collection: string, docs: StandinDoc[], txId?: string): string[] {
    const tx = this.tx(txId)
    const ids: string[] = []
    for (const raw of docs) {
      const doc = { ...raw, _id: raw._id ?? newId() }
      if (this.current(collection, doc._id, tx)) throw this.duplicate(collection, doc._id)
      this.write(collection, doc._id, doc, tx)
      ids.push(doc._id)
    }
    return ids
  }

  /** Answers Mongo's nModified as `updated`: a match whose values are already in place counts 0. */
  modify(collection: string, filter: Filter, options: ModifyOptions, txId?: string): { updated: number; upsertId?: string } {
    const tx = this.tx(txId)
    const matches = tx ? this.byIdInTx(collection, filter, tx) : this.read(collection, filter)
    let updated = 0
    for (const doc of options.multi ? matches : matches.slice(0, 1)) {
      const next = this.applyModification(doc, options)
      if (canonical(next) !== canonical(doc)) {
        this.write(collection, doc._id, next, tx)
        updated++
      }
    }
    if (matches.length === 0 && options.upsert) {
      const id = typeof filter._id === 'string' ? filter._id : newId()
      this.write(collection, id, this.applyModification({ _id: id }, options), tx)
      return { updated, upsertId: id }
    }
    return { updated }
  }

  /** `updateAndReturn`: modifies the first match and answers it as it is afterwards. */
  modifyAndReturn(collection: string, filter: Filter, data: unknown, txId?: string): { updated: number; doc: StandinDoc | null } {
    const { updated } = this.modify(collection, filter, { data, merge: true, multi: false, upsert: false }, txId)
    const tx = this.tx(txId)
    const [doc] = tx ? this.byIdInTx(collection, filter, tx) : this.read(collection, filter, { limit: 1 })
    return { updated, doc: doc ?? null }
  }

  remove(collection: string, filter: Filter, multi: boolean, txId?: string): number {
    const tx = this.tx(txId)
    const matches = tx ? this.byIdInTx(collection, filter, tx) : this.read(collection, filter)
    const doomed = multi ? matches : matches.slice(0, 1)
    for (const doc of doomed) this.write(collection, doc._id, null, tx)
    return doomed.length
  }

  readInTx(collection: string, filter: Filter, txId: string): StandinDoc[] {
    return this.byIdInTx(collection, filter, this.tx(txId)!)
  }

  // --- transactions -----------------------------------------------------------------------

  async startTransaction(): Promise<string> {
    const id = `standin-tx-${newId()}`
    if (this.isolation === 'serialized') {
      while (this.lockedBy !== null) await new Promise<void>((resolve) => this.lockWaiters.push(resolve))
      this.lockedBy = id
    }
    const expiry = setTimeout(() => this.finish(id), this.transactionTtlMs)
    expiry.unref()
    this.transactions.set(id, { id, seen: new Map(), writes: new Map(), expiry })
    return id
  }

  /** Applies the buffered writes, unless a write outside the transaction (or another transaction's commit) changed what it touched. */
  commit(txId: string): void {
    const tx = this.tx(txId)!
    const stale = [...tx.seen].some(([key, version]) => (this.versions.get(key) ?? 0) !== version)
    if (stale) {
      this.finish(txId)
      throw new StandinError('DATABASE_TRANSACTION_CONFLICT', 'transaction conflict: a document it touched changed since')
    }
    for (const { collection, id, doc } of tx.writes.values()) this.write(collection, id, doc)
    this.finish(txId)
  }

  abort(txId: string): void {
    this.tx(txId)
    this.finish(txId)
  }

  // --- whole-store access for tests -------------------------------------------------------

  exportData(): Record<string, StandinDoc[]> {
    const names = new Set([...(this.known ?? []), ...this.collections.keys()])
    const out: Record<string, StandinDoc[]> = {}
    for (const name of [...names].sort()) {
      const docs = [...(this.collections.get(name)?.values() ?? [])].map(clone)
      out[name] = docs.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
    }
    return out
  }

  importData(data: Record<string, StandinDoc[]>): void {
    for (const [collection, docs] of Object.entries(data)) for (const doc of docs) this.write(collection, doc._id, clone(doc))
  }

  reset(): void {
    this.collections.clear()
    this.versions.clear()
  }

  // --- internals --------------------------------------------------------------------------

  private docs(collection: string): Map<string, StandinDoc> {
    if (this.known && !this.known.has(collection)) {
      throw new StandinError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${collection}`)
    }
    let docs = this.collections.get(collection)
    if (!docs) this.collections.set(collection, (docs = new Map()))
    return docs
  }

  private tx(txId: string | undefined): Transaction | undefined {
    if (txId === undefined) return undefined
    const tx = this.transactions.get(txId)
    if (!tx) throw new StandinError('DATABASE_REQUEST_FAILED', `transaction ${txId} is not running`)
    // The expiry counts from the transaction's last request: only an abandoned one runs out.
    clearTimeout(tx.expiry)
    tx.expiry = setTimeout(() => this.finish(txId), this.transactionTtlMs)
    tx.expiry.unref()
    return tx
  }

  private finish(txId: string): void {
    const tx = this.transactions.get(txId)
    if (!tx) return
    clearTimeout(tx.expiry)
    this.transactions.delete(txId)
    if (this.lockedBy === txId) {
      this.lockedBy = null
      this.lockWaiters.shift()?.()
    }
  }

  /** The document as the transaction sees it: its own buffered write, else the committed one. */
  private current(collection: string, id: string, tx?: Transaction): StandinDoc | null {
    const key = keyOf(collection, id)
    if (tx) {
      if (!tx.seen.has(key)) tx.seen.set(key, this.versions.get(key) ?? 0)
      const pending = tx.writes.get(key)
      if (pending) return pending.doc && clone(pending.doc)
    }
    const doc = this.docs(collection).get(id)
    return doc ? clone(doc) : null
  }

  // Transactions on the service take documents by _id only; so does the stand-in.
  private byIdInTx(collection: string, filter: Filter, tx: Transaction): StandinDoc[] {
    const keys = Object.keys(filter)
    if (keys.length !== 1 || typeof filter._id !== 'string') {
      throw new StandinError('DATABASE_REQUEST_FAILED', 'stand-in: transactions support operations by _id only')
    }
    const doc = this.current(collection, filter._id, tx)
    return doc ? [doc] : []
  }

  private write(collection: string, id: string, doc: StandinDoc | null, tx?: Transaction): void {
    const key = keyOf(collection, id)
    if (tx) {
      // As Mongo does under the service: a write to a document another open transaction has written
      // fails at once, and aborts this transaction (the error's code is not the SDK's CONFLICT one).
      if ([...this.transactions.values()].some((other) => other !== tx && other.writes.has(key))) {
        this.finish(tx.id)
        throw new StandinError('DATABASE_REQUEST_FAILED', 'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.')
      }
      this.current(collection, id, tx)
      tx.writes.set(key, { collection, id, doc: doc && clone(doc) })
      return
    }
    const docs = this.docs(collection)
    if (doc) docs.set(id, clone(doc))
    else docs.delete(id)
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1)
  }

  private applyModification(doc: StandinDoc, { data, merge }: ModifyOptions): StandinDoc {
    if (typeof data !== 'object' || data === null) throw new StandinError('INVALID_PARAM', 'update data must be an object')
    if (!merge) return { ...clone(data as Record<string, unknown>), _id: doc._id }
    const next = clone(doc)
    update(next, data as Parameters<typeof update>[1])
    return next
  }

  private duplicate(collection: string, id: string): StandinError {
    // Shaped like the service's duplicate-key failure; the exact production text is not verifiable from here.
    return new StandinError(
      'DATABASE_REQUEST_FAILED',
      `[DuplicateWrite] multiple write errors: [{write errors: [{E11000 duplicate key error collection: ${this.env}.${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }}]}, {<nil>}]`,
    )
  }
}
