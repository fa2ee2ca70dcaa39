import Database from 'better-sqlite3'
import type { Statement } from 'better-sqlite3'
import { StoreConflict, type Doc, type DocumentStore, type FindQuery, type Scalar, type TxStore, type Where } from '../../../core/store'
import { COLLECTION_NAMES, type CollectionName } from '../collections'
import { StoreMissing } from '../errors'
import { requireIndex, type OrderBy } from '../indexed'
import { assertOpen, createTxScope, type TxState } from '../tx-scope'
import { applyPatch, assertCollection, assertId, assertLimit, isEmptyPatch, patchIsApplied, toStorableDoc, toStorablePatch } from '../values'
import { parseExpect, parseWhere, type Clause } from '../where'
import { createMutex } from './mutex'
import { createSchema, indexName, table } from './schema'
import { orderSql, whereSql } from './sql-query'

/** Every collection's documents, sorted by id. */
export type StoreDump = Record<string, Doc[]>

/** The local adapter, plus what tests need to look inside it. */
export interface SqliteStore extends DocumentStore {
  close(): void
  dump(): StoreDump
  /** The stored rows exactly as written, for "nothing changed" assertions. */
  snapshot(): string
  /** EXPLAIN QUERY PLAN details of the statement `find` would run. */
  explain(collection: string, query: FindQuery): string[]
  /** The whole database as bytes, which `file` accepts to open a copy (tests copy one seeded image). */
  serialize(): Buffer
}

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for tests, or the bytes of `serialize()` (an in-memory copy). */
  file: string | Buffer
  busyTimeoutMs?: number
}

type Row = { id: string; doc: string }

export function createSqliteStore({ file, busyTimeoutMs = 5000 }: SqliteStoreOptions): SqliteStore {
  const db = new Database(file)
  // WAL + NORMAL: a commit is written to the WAL file before it returns, so it survives the
  // process being killed (the OS still holds the write); only an OS crash or power loss before
  // the next checkpoint's fsync can lose the latest commits. FULL would fsync every commit.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`)
  createSchema(db)

  const statements = new Map<string, Statement>()
  const prepare = (sql: string) => {
    let statement = statements.get(sql)
    if (!statement) statements.set(sql, (statement = db.prepare(sql)))
    return statement
  }
  const toDoc = <T extends Doc>(row: Row): T => ({ _id: row.id, ...JSON.parse(row.doc) }) as T
  const bodyOf = (doc: Doc) => {
    const { _id, ...body } = doc
    return JSON.stringify(body)
  }

  const readDoc = <T extends Doc>(collection: string, id: string): T | null => {
    const row = prepare(`SELECT id, doc FROM ${table(collection)} WHERE id = ?`).get(id) as Row | undefined
    return row ? toDoc<T>(row) : null
  }

  const insertDoc = (collection: string, doc: Doc): void => {
    try {
      prepare(`INSERT INTO ${table(collection)} (id, doc) VALUES (?, ?)`).run(doc._id, bodyOf(doc))
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StoreConflict(collection, doc._id)
      throw error
    }
  }

  const patchDoc = (collection: string, id: string, fields: Record<string, unknown>): void => {
    const patch = toStorablePatch(fields)
    if (isEmptyPatch(patch)) return
    const doc = readDoc(collection, id)
    if (!doc) throw new StoreMissing(collection, id)
    prepare(`UPDATE ${table(collection)} SET doc = ? WHERE id = ?`).run(bodyOf(applyPatch(doc, patch)), id)
  }

  // Without statistics SQLite sometimes prefers a shorter index plus a filter (villageId+createdAt
  // over villageId+status+createdAt), so the declared index that serves the query is named.
  const source = (collection: CollectionName, clauses: Clause[], orderBy?: OrderBy) => {
    const index = requireIndex(collection, clauses, orderBy)
    return index ? `${table(collection)} INDEXED BY "${indexName(collection, index)}"` : table(collection)
  }

  const selectSql = (collection: string, query: FindQuery) => {
    const clauses = parseWhere(query.where)
    const name = assertCollection(collection)
    const where = whereSql(clauses)
    const sql = `SELECT id, doc FROM ${source(name, clauses, query.orderBy)} WHERE ${where.sql}${orderSql(query.orderBy)} LIMIT ?`
    return { sql, params: [...where.params, assertLimit(query.limit)] }
  }

  const txStore = (state: TxState): TxStore => ({
    async get<T extends Doc>(collection: string, id: string) {
      assertOpen(state)
      return readDoc<T>(assertCollection(collection), assertId(id))
    },
    async insert(collection, doc) {
      assertOpen(state)
      insertDoc(assertCollection(collection), toStorableDoc(doc))
    },
    async patch(collection, id, fields) {
      assertOpen(state)
      patchDoc(assertCollection(collection), assertId(id), fields)
    },
  })

  // One connection serves everyone, so a transaction's lock (BEGIN IMMEDIATE .. COMMIT) spans its
  // async work and every other call queues behind it: no write lands inside someone else's
  // transaction and no read sees its uncommitted rows.
  const lock = createMutex()
  const scope = createTxScope()
  const read = <T>(task: () => T): Promise<T> => (scope.inside() ? Promise.resolve().then(task) : lock.run(task))
  const write = async <T>(operation: string, task: () => T): Promise<T> => {
    scope.refuseInside(operation)
    // An immediate transaction per write keeps read-then-write atomic against other processes too.
    return lock.run(() => db.transaction(task).immediate())
  }

  return {
    get: <T extends Doc>(collection: string, id: string) =>
      read(() => readDoc<T>(assertCollection(collection), assertId(id))),

    insert: (collection, doc) => write('insert', () => insertDoc(assertCollection(collection), toStorableDoc(doc))),

    patch: (collection, id, fields) => write('patch', () => patchDoc(assertCollection(collection), assertId(id), fields)),

    find: <T extends Doc>(collection: string, query: FindQuery) =>
      read(() => {
        const { sql, params } = selectSql(collection, query)
        return (prepare(sql).all(...params) as Row[]).map((row) => toDoc<T>(row))
      }),

    count: (collection: string, where: Where) =>
      read(() => {
        const clauses = parseWhere(where)
        const name = assertCollection(collection)
        const part = whereSql(clauses)
        const row = prepare(`SELECT count(*) AS n FROM ${source(name, clauses)} WHERE ${part.sql}`).get(...part.params) as { n: number }
        return row.n
      }),

    insertIfAbsent: (collection, doc) =>
      write('insertIfAbsent', () => {
        const stored = toStorableDoc(doc)
        const sql = `INSERT INTO ${table(assertCollection(collection))} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`
        return prepare(sql).run(stored._id, bodyOf(stored)).changes === 1
      }),

    updateWhere: (collection, where, fields) =>
      write('updateWhere', () => {
        const name = assertCollection(collection)
        const patch = toStorablePatch(fields)
        if (isEmptyPatch(patch)) return 0
        const clauses = parseWhere(where)
        const part = whereSql(clauses)
        const rows = prepare(`SELECT id, doc FROM ${source(name, clauses)} WHERE ${part.sql}`).all(...part.params) as Row[]
        let changed = 0
        for (const row of rows) {
          const doc = toDoc(row)
          if (patchIsApplied(doc, patch)) continue
          prepare(`UPDATE ${table(name)} SET doc = ? WHERE id = ?`).run(bodyOf(applyPatch(doc, patch)), row.id)
          changed++
        }
        return changed
      }),

    removeWhere: (collection, where) =>
      write('removeWhere', () => {
        const name = assertCollection(collection)
        const clauses = parseWhere(where)
        const part = whereSql(clauses)
        const sql = `DELETE FROM ${table(name)} WHERE id IN (SELECT id FROM ${source(name, clauses)} WHERE ${part.sql})`
        return prepare(sql).run(...part.params).changes
      }),

    patchIf: (collection, id, expect: Record<string, Scalar>, fields) =>
      write('patchIf', () => {
        const name = assertCollection(collection)
        const patch = toStorablePatch(fields)
        const condition = whereSql(parseExpect(expect))
        const sql = `SELECT id, doc FROM ${table(name)} WHERE id = ? AND ${condition.sql}`
        const row = prepare(sql).get(assertId(id), ...condition.params) as Row | undefined
        if (!row) return false
        if (!isEmptyPatch(patch)) prepare(`UPDATE ${table(name)} SET doc = ? WHERE id = ?`).run(bodyOf(applyPatch(toDoc(row), patch)), id)
        return true
      }),

    async transaction<T>(work: (tx: TxStore) => Promise<T>): Promise<T> {
      scope.refuseInside('transaction')
      return lock.run(async () => {
        const state: TxState = { open: true }
        db.exec('BEGIN IMMEDIATE')
        try {
          const result = await scope.run(state, () => work(txStore(state)))
          db.exec('COMMIT')
          return result
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK')
          throw error
        } finally {
          state.open = false
        }
      })
    },

    close: () => db.close(),

    dump() {
      const out: StoreDump = {}
      for (const collection of COLLECTION_NAMES) {
        out[collection] = (prepare(`SELECT id, doc FROM ${table(collection)} ORDER BY id`).all() as Row[]).map((row) => toDoc(row))
      }
      return out
    },

    snapshot() {
      const out: Record<string, Array<[string, string]>> = {}
      for (const collection of COLLECTION_NAMES) {
        const rows = prepare(`SELECT id, doc FROM ${table(collection)} ORDER BY id`).all() as Row[]
        out[collection] = rows.map((row) => [row.id, row.doc])
      }
      return JSON.stringify(out)
    },

    explain(collection, query) {
      const { sql, params } = selectSql(collection, query)
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>
      return rows.map((row) => row.detail)
    },

    serialize() {
      return db.serialize()
    },
  }
}
