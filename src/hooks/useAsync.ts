import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../services/errors'

/** The state of one load: `data` stays while a reload runs, so pages only flash on the first load. */
export type AsyncState<T> = {
  data: T | undefined
  error: string | null
  loading: boolean
  reload: () => Promise<void>
}

/** Runs `load` whenever `deps` change; a late answer to an outdated request is dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const latest = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    const ticket = ++latest.current
    setLoading(true)
    setError(null)
    try {
      const value = await loadRef.current()
      if (ticket === latest.current) setData(value)
    } catch (e) {
      if (ticket === latest.current) setError(errorMessage(e))
    } finally {
      if (ticket === latest.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    setData(undefined)
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  return { data, error, loading, reload }
}
