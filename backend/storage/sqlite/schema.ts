import type { Database } from 'better-sqlite3'
import { COLLECTIONS, COLLECTION_NAMES } from '../collections'
import { assertFieldName } from '../values'

// Field names reach SQL text only through these helpers, after the /^[A-Za-z_][A-Za-z0-9_]*$/ check:
// an expression index is used only when the query repeats its expression literally, so the JSON
// path cannot be a bound parameter.
export const table = (collection: string) => `"${assertFieldName(collection)}"`

export function valueOf(field: string): string {
  return field === '_id' ? 'id' : `json_extract(doc, '$.${assertFieldName(field)}')`
}

export const typeOf = (field: string) => `json_type(doc, '$.${assertFieldName(field)}')`

export const indexName = (collection: string, fields: readonly string[]) => `${collection}_by_${fields.join('_')}`

/** One table per collection and one expression index per declared index, created if missing. */
export function createSchema(db: Database): void {
  db.transaction(() => {
    for (const collection of COLLECTION_NAMES) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table(collection)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)))`)
      for (const fields of COLLECTIONS[collection]) {
        const columns = fields.map(valueOf).join(', ')
        db.exec(`CREATE INDEX IF NOT EXISTS "${indexName(collection, fields)}" ON ${table(collection)} (${columns})`)
      }
    }
  })()
}
