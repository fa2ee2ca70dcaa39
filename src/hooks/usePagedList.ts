import { useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '../../types/common'
import { errorMessage } from '../services/errors'

/** A keyset-paginated list: the first page loads when `deps` change, `loadMore` appends the next one. */
export type PagedList<T> = {
  items: T[]
  loading: boolean
  loadingMore: boolean
  error: string | null
  hasMore: boolean
  loadMore: () => Promise<void>
  reload: () => Promise<void>
}

export function usePagedList<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  deps: readonly unknown[],
): PagedList<T> {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const generation = useRef(0)
  const busy = useRef(false)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const reload = useCallback(async () => {
    const ticket = ++generation.current
    busy.current = true
    setLoading(true)
    setError(null)
    try {
      const page = await fetchRef.current(undefined)
      if (ticket !== generation.current) return
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch (e) {
      if (ticket === generation.current) setError(errorMessage(e))
    } finally {
      if (ticket === generation.current) {
        setLoading(false)
        busy.current = false
      }
    }
  }, [])

  const loadMore = useCallback(async () => {
    if (busy.current || cursor === null) return
    const ticket = generation.current
    busy.current = true
    setLoadingMore(true)
    setError(null)
    try {
      const page = await fetchRef.current(cursor)
      if (ticket !== generation.current) return
      setItems((prev) => [...prev, ...page.items])
      setCursor(page.nextCursor)
    } catch (e) {
      if (ticket === generation.current) setError(errorMessage(e))
    } finally {
      if (ticket === generation.current) {
        setLoadingMore(false)
        busy.current = false
      }
    }
  }, [cursor])

  useEffect(() => {
    setItems([])
    setCursor(null)
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  return { items, loading, loadingMore, error, hasMore: cursor !== null, loadMore, reload }
}

/** Loads the next page when the user scrolls to the bottom of the page. */
export function useLoadMoreOnReachBottom(list: Pick<PagedList<unknown>, 'hasMore' | 'loadMore'>): void {
  useReachBottom(() => {
    if (list.hasMore) void list.loadMore()
  })
}

/** StateView's props for a paged list: an error or the empty state only while nothing is shown. */
export function pagedListState(list: PagedList<unknown>) {
  const nothingShown = list.items.length === 0
  return {
    ready: !nothingShown,
    loading: list.loading,
    error: nothingShown ? list.error : null,
    onRetry: list.reload,
    empty: nothingShown,
  }
}
