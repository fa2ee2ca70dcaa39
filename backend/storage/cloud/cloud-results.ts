import type { Doc } from '../../../core/store'

// The SDK answers with loosely typed objects; these guards turn a surprise into an error
// instead of an empty result.

export async function docsOf(result: unknown): Promise<Doc[]> {
  const value = await result
  const data = (value as { data?: unknown } | null)?.data
  if (!Array.isArray(data) || !data.every(isDoc)) throw unexpected('get', value)
  return data
}

export async function docOf(result: unknown): Promise<Doc> {
  const value = await result
  const data = (value as { data?: unknown } | null)?.data
  if (!isDoc(data)) throw unexpected('document get', value)
  return data
}

export async function totalOf(result: unknown): Promise<number> {
  const value = await result
  const total = (value as { total?: unknown } | null)?.total
  if (typeof total !== 'number') throw unexpected('count', value)
  return total
}

/** The count an update or a remove answers in `stats` (`stats.updated`, `stats.removed`). */
function statOf(stat: 'updated' | 'removed', operation: string) {
  return async (result: unknown): Promise<number> => {
    const value = await result
    const count = (value as { stats?: Record<string, unknown> } | null)?.stats?.[stat]
    if (typeof count !== 'number') throw unexpected(operation, value)
    return count
  }
}

export const updatedOf = statOf('updated', 'update')
export const removedOf = statOf('removed', 'remove')

/** The SDK reports a taken `_id` as the database's duplicate-key error, inside its message. */
export function isDuplicateKey(error: unknown): boolean {
  return /E11000|duplicate key|DuplicateWrite/i.test(messageOf(error))
}

/** wx-server-sdk throws, rather than answering null, when `doc(id).get()` finds nothing. */
export function isMissingDocument(error: unknown): boolean {
  return /document with _id .* does not exist/.test(messageOf(error))
}

/** −501004 EXCEED_CONCURRENT_REQUEST_LIMIT: the service refused the request before running it (too many at once). */
export function isConcurrencyLimit(error: unknown): boolean {
  const code = (error ?? {}) as { errCode?: unknown; code?: unknown }
  return code.errCode === -501004 || code.code === 'EXCEED_CONCURRENT_REQUEST_LIMIT' || /-501004|EXCEED_CONCURRENT_REQUEST_LIMIT/.test(messageOf(error))
}

const RETRY_DELAYS_MS = [20, 50, 100, 200, 400, 800]

/**
 * Runs `request` again, with growing pauses, while the service answers −501004: a refused request
 * did not run, so repeating it (a write included) cannot apply it twice.
 */
export async function retryingLimits<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request()
    } catch (error) {
      if (!isConcurrencyLimit(error) || attempt >= RETRY_DELAYS_MS.length) throw error
      const pause = RETRY_DELAYS_MS[attempt]
      await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * pause))
    }
  }
}

/**
 * The database refused to commit a transaction and applied none of it: DATABASE_TRANSACTION_CONFLICT
 * (another transaction touched the same documents; wx-server-sdk re-runs the callback up to 3 times
 * at once, then throws it), or a transaction the database aborted (Mongo's WriteConflict,
 * TransientTransactionError, NoSuchTransaction, "Transaction … has been aborted"). Safe to run again
 * whole. A lost answer (SYS_ERR, a timeout) is NOT one of these: whether it committed is unknown.
 */
export function isTransactionConflict(error: unknown): boolean {
  const { code, errCode } = (error ?? {}) as { code?: unknown; errCode?: unknown }
  const codes = `${typeof code === 'string' || typeof code === 'number' ? code : ''} ${typeof errCode === 'string' || typeof errCode === 'number' ? errCode : ''}`
  return TRANSACTION_CONFLICT.test(`${codes} ${messageOf(error)}`)
}

const TRANSACTION_CONFLICT =
  /TRANSACTION_(CONFLICT|ABORT(ED)?)\b|transaction conflict|WriteConflict|TransientTransactionError|NoSuchTransaction|transaction (\S+ )?(has been|was) aborted|aborted transaction/i

// Pauses before running a conflicted transaction again (each run is up to 4 tries inside the SDK).
const CONFLICT_DELAYS_MS = [15, 40, 100, 200]

/**
 * Runs a transaction again, after a jittered pause, while the database answers that it conflicted
 * or was aborted (nothing committed); still conflicting after the last pause, throws `refuse()`:
 * a refusal the caller can act on (try again), never a server fault.
 */
export async function retryingConflicts<T>(run: () => Promise<T>, refuse: () => Error): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      if (!isTransactionConflict(error)) throw error
      if (attempt >= CONFLICT_DELAYS_MS.length) {
        console.warn('[store] transaction still conflicting after retries', messageOf(error).slice(0, 200))
        throw refuse()
      }
      const pause = CONFLICT_DELAYS_MS[attempt]
      await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * pause))
    }
  }
}

function messageOf(error: unknown): string {
  if (typeof error === 'string') return error
  const { errMsg, message } = (error ?? {}) as { errMsg?: unknown; message?: unknown }
  return `${typeof errMsg === 'string' ? errMsg : ''} ${typeof message === 'string' ? message : ''}`
}

function isDoc(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && typeof (value as { _id?: unknown })._id === 'string'
}

function unexpected(operation: string, value: unknown): Error {
  return new Error(`unexpected answer from the cloud database to ${operation}: ${JSON.stringify(value)?.slice(0, 200)}`)
}
