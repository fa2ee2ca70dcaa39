import type { FindQuery } from '../../core/store'
import { COLLECTIONS, type CollectionName } from './collections'
import { StoreMisuse } from './errors'
import { assertFieldName } from './values'
import type { Clause } from './where'

export type OrderBy = NonNullable<FindQuery['orderBy']>

/**
 * The declared index that serves a query, or null when none is needed (no conditions, or `_id`).
 * Refuses a query that no declared index serves: its where-fields must be the first fields of an
 * index (in any order) and its order-by fields the ones right after. In the cloud such a query
 * would scan the collection; failing here, in tests, is cheaper than finding out in production.
 */
export function requireIndex(collection: CollectionName, clauses: Clause[], orderBy: OrderBy = []): ReadonlyArray<string> | null {
  const whereFields = new Set(clauses.map((c) => c.field))
  const orderFields = orderBy.map(([field, direction]) => {
    assertFieldName(field)
    if (direction !== 'asc' && direction !== 'desc') throw new StoreMisuse(`invalid order direction for ${field}`)
    return field
  })
  if (new Set(orderFields).size !== orderFields.length) throw new StoreMisuse('a field appears twice in orderBy')
  const sortAfterWhere = orderFields.filter((f) => !whereFields.has(f))
  if (whereFields.size === 0 && sortAfterWhere.length === 0) return null
  if (isIdLookup(clauses, sortAfterWhere)) return null
  const indexes: ReadonlyArray<ReadonlyArray<string>> = COLLECTIONS[collection]
  const served = indexes.find((index) => {
    const head = index.slice(0, whereFields.size)
    const next = index.slice(whereFields.size, whereFields.size + sortAfterWhere.length)
    return (
      head.length === whereFields.size &&
      head.every((f) => whereFields.has(f)) &&
      next.length === sortAfterWhere.length &&
      next.every((f, i) => f === sortAfterWhere[i])
    )
  })
  if (!served) {
    const fields = [...whereFields, ...sortAfterWhere].join(', ')
    throw new StoreMisuse(`no index on ${collection} serves (${fields}); declare one in backend/storage/collections.ts`)
  }
  return served
}

/** `_id` by value or `$in` (at most 100) narrows to a few documents by the primary key; other fields then only filter them. */
const isIdLookup = (clauses: Clause[], sortAfterWhere: string[]) =>
  sortAfterWhere.length === 0 && clauses.some((c) => c.field === '_id' && (c.op === '$eq' || c.op === '$in'))
