/** Runs tasks one at a time, in arrival order; a failed task does not block the next. */
export function createMutex() {
  let tail: Promise<unknown> = Promise.resolve()
  return {
    run<T>(task: () => T | Promise<T>): Promise<T> {
      const result = tail.then(task)
      tail = result.catch(() => undefined)
      return result
    },
  }
}
