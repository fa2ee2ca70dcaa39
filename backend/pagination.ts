import type { DocumentStore, Scalar, Where } from '../core/store'
import { invalidInput } from '../core/errors'

/**
 * Keyset pagination ordered by a key and then `_id`, so documents sharing a key (created in the same
 * millisecond) still have one order and a page boundary can fall between them. The cursor is opaque
 * to clients: base64url of `[key, _id]`, checked when it comes back.
 */
export interface KeysetQuery {
  collection: string
  /** Equality conditions (the leading fields of the index that ends in `key, _id`). */
  where: Record<string, Scalar>
  key: string
  keyType: 'string' | 'number'
  direction: 'asc' | 'desc'
  limit: number
  cursor?: string
}

export interface KeysetPage<T> {
  docs: T[]
  nextCursor: string | null
}

export function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string, keyType: 'string' | 'number'): { key: string | number; id: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    parsed = undefined
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== keyType ||
    (keyType === 'number' && !Number.isFinite(parsed[0])) ||
    typeof parsed[1] !== 'string' ||
    !/^[A-Za-z0-9_-]{1,128}$/.test(parsed[1])
  ) {
    throw invalidInput('分页游标无效，请从第一页重新加载', 'cursor')
  }
  return { key: parsed[0] as string | number, id: parsed[1] }
}

export async function keysetPage<T extends { _id: string } & Record<string, unknown>>(store: DocumentStore, query: KeysetQuery): Promise<KeysetPage<T>> {
  const { collection, where, key, direction, limit } = query
  const after = direction === 'asc' ? '$gt' : '$lt'
  const want = limit + 1
  const docs: T[] = []
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, query.keyType)
    // The rest of the cursor's own key, by _id; then the keys after it.
    docs.push(
      ...(await store.find<T>(collection, {
        where: { ...where, [key]: cursor.key, _id: { [after]: cursor.id } } as Where,
        orderBy: [['_id', direction]],
        limit: want,
      })),
    )
    if (docs.length < want) {
      docs.push(
        ...(await store.find<T>(collection, {
          where: { ...where, [key]: { [after]: cursor.key } } as Where,
          orderBy: [[key, direction], ['_id', direction]],
          limit: want - docs.length,
        })),
      )
    }
  } else {
    docs.push(...(await store.find<T>(collection, { where, orderBy: [[key, direction], ['_id', direction]], limit: want })))
  }
  const page = docs.slice(0, limit)
  const last = page[page.length - 1]
  return { docs: page, nextCursor: docs.length > limit && last ? encodeCursor(last[key] as string | number, last._id) : null }
}
