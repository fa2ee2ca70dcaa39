/**
 * At most this many database requests in flight from one run: the basic CloudBase plan allows
 * about 20 simultaneous connections and answers −501004 beyond that (which the cloud adapter
 * retries), so the run stays below it with room for the `api` function's own calls.
 */
export const MAX_PARALLEL_REQUESTS = 12

/**
 * `work` on every item, at most `limit` at a time; answers the results in order. After a failure no
 * new item starts, and the first failure is thrown once the items already started have settled — so
 * nothing of this run is still writing when its caller sees the error (and perhaps runs again).
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const failures: unknown[] = []
  const worker = async () => {
    while (failures.length === 0 && next < items.length) {
      const index = next++
      try {
        results[index] = await work(items[index])
      } catch (error) {
        failures.push(error)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  if (failures.length > 0) throw failures[0]
  return results
}

/** `items` in slices of `size` (a `$in` takes at most 100 values). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
