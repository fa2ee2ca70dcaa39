import { createHash } from 'node:crypto'
import { StoreConflict, type TxStore } from '../core/store'
import { callerOpenid, type ActionContext } from './action'

/**
 * The id of a record a caller creates. When the client sent a request id (made once per form
 * submission and kept across retries), the id is derived from the caller and that request id, so
 * a retry after a lost answer lands on the same id instead of a second record. Without one, a
 * fresh time-ordered id.
 */
export function creationId(ctx: ActionContext, requestId: string | undefined): string {
  if (!requestId) return ctx.deps.newId()
  return createHash('sha256').update(`${callerOpenid(ctx)}\n${requestId}`).digest('hex').slice(0, 32)
}

/**
 * Runs `create` (which inserts the record `id` into `collection` inside its own transaction). If
 * that record already exists — the same request came before and its answer was lost — answers the
 * stored record through `load` instead: a cadre's second tap returns the first result.
 */
export async function createOnce<T>(
  ctx: ActionContext,
  collection: string,
  id: string,
  create: () => Promise<T>,
  load: (tx: TxStore, id: string) => Promise<T>,
): Promise<T> {
  try {
    return await create()
  } catch (error) {
    if (!(error instanceof StoreConflict)) throw error
    if (!(await ctx.deps.store.get(collection, id))) throw error
    return load(ctx.deps.store, id)
  }
}
