import { createHash } from 'node:crypto'
import { StoreConflict, type TxStore } from '../core/store'
import { invalidInput } from '../core/errors'
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

/**
 * An edit request that was applied, and the answer it got: the marker that lets an edit (which,
 * unlike a create, makes no record of its own whose id could carry the request) be applied once.
 * Stored in `requests` under `creationId(ctx, requestId)`, inserted in the edit's own transaction.
 */
interface RequestDoc {
  _id: string
  action: string
  at: string
  answer: unknown
}

async function answerOf<T>(ctx: ActionContext, action: string, id: string): Promise<T | undefined> {
  const doc = await ctx.deps.store.get<RequestDoc>('requests', id)
  if (!doc) return undefined
  if (doc.action !== action) throw invalidInput('该请求编号已用于其他操作，请刷新后重试', 'requestId')
  return doc.answer as T
}

/**
 * Runs `edit` once per request. When the client sent a request id and that request was already
 * applied (its answer was lost, and this is the retry), answers the first result without applying
 * the edit again — checked before `edit`'s own checks, which the first application may have made
 * fail (a moved status, a version). `edit` must call `recordEdit` inside its transaction; a twin
 * that commits first makes that insert collide, and the twin's answer is returned instead.
 */
export async function editOnce<T>(ctx: ActionContext, action: string, requestId: string | undefined, edit: () => Promise<T>): Promise<T> {
  if (!requestId) return edit()
  const id = creationId(ctx, requestId)
  const earlier = await answerOf<T>(ctx, action, id)
  if (earlier !== undefined) return earlier
  try {
    return await edit()
  } catch (error) {
    if (!(error instanceof StoreConflict)) throw error
    const twin = await answerOf<T>(ctx, action, id)
    if (twin === undefined) throw error
    return twin
  }
}

/** Inside the edit's transaction: marks the request applied with its answer (nothing without a request id). */
export async function recordEdit(tx: TxStore, ctx: ActionContext, action: string, requestId: string | undefined, answer: unknown): Promise<void> {
  if (!requestId) return
  const doc: RequestDoc = { _id: creationId(ctx, requestId), action, at: ctx.now.toISOString(), answer }
  await tx.insert('requests', { ...doc })
}
