import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { MAX_LEDGER_PHOTOS } from '../../../types/ledger'
import { OTHER_ACTIVITY } from '../../../types/catalogue'
import { callApi } from '../../services/api'
import { errorMessage } from '../../services/errors'
import { storage, type LedgerDraft } from '../../services/storage'
import { chinaDayNow } from '../lib/status'
import { uploadWithRetry } from '../lib/upload'

const newRequestId = () => `ledger-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

const blank = (villageId: string, entryId: string | null): LedgerDraft => ({
  villageId, entryId, activityType: '', otherName: '', date: chinaDayNow(), count: '', summary: '', photos: [], pendingPaths: [], requestId: newRequestId(),
})

/**
 * The ledger form. Every change is written to device storage at once, so a lost connection or a
 * closed app loses nothing: the form reopens as it was, photos not yet uploaded are retried on send,
 * and the request id is kept so a retried send lands once.
 */
export function useLedgerForm(villageId: string, entryId: string | null, openid: string | null) {
  const [draft, setDraft] = useState<LedgerDraft>(() => {
    const kept = storage.getLedgerDraft()
    return kept && kept.villageId === villageId && kept.entryId === entryId ? kept : blank(villageId, entryId)
  })
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const loadedEntry = useRef(false)

  useEffect(() => storage.setLedgerDraft(draft), [draft])

  // Fixing a returned entry: start from what was sent, unless a fix is already in progress here.
  useEffect(() => {
    if (!entryId || loadedEntry.current) return
    loadedEntry.current = true
    const kept = storage.getLedgerDraft()
    if (kept && kept.entryId === entryId && kept.summary) return
    callApi('ledger.get', { entryId })
      .then((e) =>
        setDraft((d) => ({ ...d, activityType: e.activityType, otherName: e.otherName ?? '', date: e.date, count: String(e.participants.count), summary: e.summary, photos: e.photos })),
      )
      .catch((e) => setError(errorMessage(e)))
  }, [entryId])

  const set = (fields: Partial<LedgerDraft>) => setDraft((d) => ({ ...d, ...fields }))

  const addPhotos = async () => {
    const room = MAX_LEDGER_PHOTOS - draft.photos.length - draft.pendingPaths.length
    if (room <= 0) return
    try {
      const res = await Taro.chooseImage({ count: room, sizeType: ['compressed'] })
      set({ pendingPaths: [...draft.pendingPaths, ...res.tempFilePaths.slice(0, room)] })
    } catch {
      // the picker was closed
    }
  }

  /** Uploads what is pending (kept on failure for the next try), then sends; true when saved. */
  const send = async (star: 1 | 2 | 3 | 4 | 5): Promise<boolean> => {
    setSending(true)
    setError(null)
    try {
      let photos = draft.photos
      let pending = draft.pendingPaths
      for (const path of draft.pendingPaths) {
        const id = await uploadWithRetry(path, openid ?? 'anonymous')
        photos = [...photos, id]
        pending = pending.filter((p) => p !== path)
        set({ photos, pendingPaths: pending })
      }
      const fields = {
        star,
        activityType: draft.activityType,
        otherName: draft.activityType === OTHER_ACTIVITY ? draft.otherName : null,
        date: draft.date,
        participants: { count: Number(draft.count) || 0, names: [] },
        summary: draft.summary,
        photos,
      }
      if (draft.entryId) await callApi('ledger.update', { ...fields, entryId: draft.entryId })
      else await callApi('ledger.create', { ...fields, villageId, requestId: draft.requestId })
      storage.setLedgerDraft(null)
      setDraft(blank(villageId, entryId))
      return true
    } catch (e) {
      setError(errorMessage(e))
      return false
    } finally {
      setSending(false)
    }
  }

  return { draft, set, addPhotos, removePhoto: (id: string) => set({ photos: draft.photos.filter((p) => p !== id) }), send, sending, error }
}
