import { useState } from 'react'
import Taro from '@tarojs/taro'
import { NOTICE_CATEGORIES, ZNoticeDraft, type NoticeDraftInput, type NoticeKind } from '../../../types/notice'
import { useAction } from '../../hooks/useAction'
import { tomorrowInChina } from '../../lib/day'
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../lib/form'
import { callApi } from '../../services/api'
import { errorMessage } from '../../services/errors'
import { uploadPhoto } from '../../services/photos'
import { ensurePrivacyAuthorized } from '../../lib/privacy'
import { useRequestId } from '../../lib/request-id'

export const MAX_PHOTOS = 3
type Category = (typeof NOTICE_CATEGORIES)[number]

/** The draft form's state; validation is ZNoticeDraft itself, the schema the server checks with. */
export function useDraftForm(villageId: string, initialDate?: string) {
  const [kind, setKind] = useState<NoticeKind>('praise')
  const [category, setCategory] = useState<Category>(NOTICE_CATEGORIES[0])
  const [subjectName, setSubjectName] = useState('')
  const [householdNo, setHouseholdNo] = useState('')
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [publishDate, setPublishDate] = useState(initialDate || tomorrowInChina())
  const [errors, setErrors] = useState<FieldErrors>({})
  const [uploading, setUploading] = useState(false)
  const submit = useAction((input: NoticeDraftInput) => callApi('notice.draft', input))
  // One id per submission: kept across retries of it (a lost answer returns the first notice), renewed once it is saved.
  const requestId = useRequestId()

  const addPhotos = async () => {
    let picked: string[]
    // Choosing photos is a privacy API: the user must have agreed to the privacy guide first.
    if (!(await ensurePrivacyAuthorized())) {
      void Taro.showToast({ title: '需要同意《用户隐私保护指引》后才能选择照片', icon: 'none' })
      return
    }
    try {
      const res = await Taro.chooseImage({ count: MAX_PHOTOS - photos.length, sizeType: ['compressed'] })
      picked = res.tempFilePaths.slice(0, MAX_PHOTOS - photos.length)
    } catch {
      return // the user closed the picker
    }
    setUploading(true)
    try {
      for (const path of picked) {
        const fileId = await uploadPhoto(path)
        setPhotos((prev) => [...prev, fileId].slice(0, MAX_PHOTOS))
      }
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' })
    } finally {
      setUploading(false)
    }
  }

  const removePhoto = (fileId: string) => setPhotos((prev) => prev.filter((p) => p !== fileId))

  const reset = () => {
    setSubjectName('')
    setHouseholdNo('')
    setText('')
    setPhotos([])
    setErrors({})
  }

  /** Resolves true when the server accepted the draft. */
  const send = async (): Promise<boolean> => {
    const input: NoticeDraftInput = {
      villageId,
      kind,
      category,
      subject: { name: subjectName, ...(householdNo.trim() ? { householdNo } : {}) },
      text,
      photos,
      publishDate,
      requestId: requestId.current,
    }
    const parsed = ZNoticeDraft.safeParse(input)
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error))
      return false
    }
    setErrors({})
    const saved = await submit.execute(parsed.data)
    if (!saved) return false
    requestId.renew()
    reset()
    return true
  }

  /** Wraps a setter so editing a field clears the message shown under it. */
  const clearing =
    <T,>(field: string, setter: (value: T) => void) =>
    (value: T) => {
      setter(value)
      setErrors((prev) => (field in prev ? { ...prev, [field]: '' } : prev))
    }

  return {
    fields: { kind, category, subjectName, householdNo, text, photos, publishDate },
    set: {
      setKind,
      setCategory: clearing('category', setCategory),
      setSubjectName: clearing('subject.name', setSubjectName),
      setHouseholdNo: clearing('subject.householdNo', setHouseholdNo),
      setText: clearing('text', setText),
      setPublishDate: clearing('publishDate', setPublishDate),
    },
    addPhotos,
    removePhoto,
    uploading,
    send,
    pending: submit.pending,
    submitError: submit.error,
    errors: { ...serverFieldErrors(submit.issues), ...errors },
  }
}
