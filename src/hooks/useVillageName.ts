import { useEffect, useState } from 'react'
import type { Village } from '../../types/village'
import { callApi } from '../services/api'

// Villages rarely change, so one list per app session is enough to name a village.
let villagesOnce: Promise<Village[]> | null = null

function loadVillages(): Promise<Village[]> {
  villagesOnce ??= callApi('village.list', { limit: 50 }).then(
    (page) => page.items,
    (e: unknown) => {
      villagesOnce = null
      throw e
    },
  )
  return villagesOnce
}

/** A village's name for display, or `fallback` until (or unless) it is known. */
export function useVillageName(villageId: string | null, fallback = ''): string {
  const [name, setName] = useState(fallback)
  useEffect(() => {
    let live = true
    setName(fallback)
    if (villageId) {
      loadVillages()
        .then((list) => {
          const found = list.find((v) => v.id === villageId)
          if (live && found) setName(found.name)
        })
        .catch(() => undefined)
    }
    return () => {
      live = false
    }
  }, [villageId, fallback])
  return name
}
