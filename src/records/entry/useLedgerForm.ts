import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { MAX_LEDGER_PHOTOS } from '../../../types/ledger'
import { OTHER_ACTIVITY } from '../../../types/catalogue'
import { callApi } from '../../services/api'
import { errorMessage } from '../../services/errors'
import { storage, type LedgerDraft } from '../../services/storage'
import { chinaDayNow } from '../lib/status'
import { uploadWithRetry } from '../lib/upload'
import { newRequestId } from '../../lib/request-id'

/** The ledger types a contact leader's attendance is recorded on (core/attendance.ts LEADER_ACTIVITIES). */
export const LEADER_ACTIVITY_TYPES = ['主题党日', '组织生活会']

/** Whether a photo chosen earlier can still be read (a blob: address of an earlier page load cannot). */
async function isReadable(path: string): Promise<boolean> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      await (await fetch(path)).blob()
    } else {
      Taro.getFileSystemManager().accessSync(path)
    }
    return true
  } catch {
    return false
  }
}

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
  const uploading = useRef(false)
  const [uploadCount, setUploadCount] = useState(0)
  const [notice, setNotice] = useState<string | null>(null)

  useEffect(() => storage.setLedgerDraft(draft), [draft])

  // Fixing a returned entry: start from what was sent, unless a fix is already in progress here.
  useEffect(() => {
    if (!entryId || loadedEntry.current) return
    loadedEntry.current = true
    const kept = storage.getLedgerDraft()
    if (kept && kept.entryId === entryId && kept.summary) return
    callApi('ledger.get', { entryId })
      .then((e) =>
        setDraft((d) => ({ ...d, activityType: e.activityType, otherName: e.otherName ?? '', date: e.date, count: String(e.participants.count), summary: e.summary, photos: e.photos, leaderAttended: !!e.attendedLeaderId })),
      )
      .catch((e) => setError(errorMessage(e)))
  }, [entryId])

  const set = (fields: Partial<LedgerDraft>) => setDraft((d) => ({ ...d, ...fields }))

  /** Uploads one chosen photo; on success it moves from pending to uploaded (and so into the saved draft). */
  const uploadOne = async (path: string) => {
    const id = await uploadWithRetry(path, openid ?? 'anonymous')
    setDraft((d) => ({ ...d, photos: d.pendingPaths.includes(path) ? [...d.photos, id] : d.photos, pendingPaths: d.pendingPaths.filter((p) => p !== path) }))
    return id
  }

  /** Uploads what is pending now, one at a time; a failure leaves the photo pending for the next try (send retries it). */
  const uploadPending = async (paths: string[]) => {
    if (!paths.length || uploading.current) return
    uploading.current = true
    setUploadCount(paths.length)
    let failed = 0
    for (const path of paths) {
      try {
        await uploadOne(path)
      } catch {
        failed++
      }
      setUploadCount((n) => Math.max(0, n - 1))
    }
    uploading.current = false
    setUploadCount(0)
    setNotice(failed ? `${failed} 张照片暂未上传成功，提交时会自动重试` : null)
  }

  // A draft reopened after a reload or a restart: a chosen photo that was not uploaded before may be
  // gone (the browser's blob: addresses die with the page, WeChat clears its temp files). Those are
  // dropped and said so, never claimed; the ones still readable stay pending and go up with the send.
  useEffect(() => {
    const kept = draft.pendingPaths
    if (!kept.length) return
    let live = true
    void Promise.all(kept.map(isReadable)).then((ok) => {
      if (!live) return
      const alive = kept.filter((_, i) => ok[i])
      const lost = kept.length - alive.length
      if (lost) {
        setDraft((d) => ({ ...d, pendingPaths: d.pendingPaths.filter((p) => alive.includes(p) || !kept.includes(p)) }))
        setNotice(`上次选择的 ${lost} 张照片未能上传且已无法读取，已从草稿中移除，请重新添加`)
      }
    })
    return () => { live = false }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const addPhotos = async () => {
    const room = MAX_LEDGER_PHOTOS - draft.photos.length - draft.pendingPaths.length
    if (room <= 0) return
    let paths: string[]
    try {
      const res = await Taro.chooseImage({ count: room, sizeType: ['compressed'] })
      paths = res.tempFilePaths.slice(0, room)
    } catch {
      return // the picker was closed
    }
    // Kept as pending first (so a failed upload is retried on send), uploaded at once (so a reload keeps them).
    setDraft((d) => ({ ...d, pendingPaths: [...d.pendingPaths, ...paths] }))
    await uploadPending(paths)
  }

  /** Uploads what is pending (kept on failure for the next try), then sends; true when saved. */
  const send = async (star: 1 | 2 | 3 | 4 | 5): Promise<boolean> => {
    // Photos still going up would be uploaded twice; the button waits for them too.
    if (uploading.current) return false
    setSending(true)
    setError(null)
    try {
      let photos = draft.photos
      for (const path of draft.pendingPaths) photos = [...photos, await uploadOne(path)]
      setNotice(null)
      const fields = {
        star,
        activityType: draft.activityType,
        otherName: draft.activityType === OTHER_ACTIVITY ? draft.otherName : null,
        date: draft.date,
        participants: { count: Number(draft.count) || 0, names: [] },
        summary: draft.summary,
        photos,
        leaderAttended: LEADER_ACTIVITY_TYPES.includes(draft.activityType) && !!draft.leaderAttended,
      }
      if (draft.entryId) await callApi('ledger.update', { ...fields, entryId: draft.entryId, requestId: draft.requestId })
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

  return { draft, set, addPhotos, removePhoto: (id: string) => set({ photos: draft.photos.filter((p) => p !== id) }), send, sending, error, uploadingCount: uploadCount, notice }
}
