import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { ZChecklistCreate } from '../../../types/checklist'
import { STAR_NAMES, STARS, type Star } from '../../../types/roles'
import { ActionButton } from '../../components/ActionButton'
import { FieldError } from '../../components/FieldError'
import { StateView } from '../../components/StateView'
import { useAsync } from '../../hooks/useAsync'
import { useMe } from '../../hooks/useMe'
import { pickCadreVillage } from '../../lib/grants'
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../lib/form'
import { useRequestId } from '../../lib/request-id'
import { callApi } from '../../services/api'
import { ApiCallError, errorMessage } from '../../services/errors'
import { loadOwnerChoices } from '../lib/owners'
import { chinaMonthNow } from '../lib/status'
import '../records.css'
import { withElderMode } from '../../components/ElderMode'

/** 新增清单事项: one improvement item typed by hand (`?villageId=`); back to the list once saved. */
function ChecklistNewPage() {
  const { params } = useRouter()
  const me = useMe()
  const villageId = params.villageId || pickCadreVillage(me.data, null) || ''
  const owners = useAsync(async () => (villageId && me.data ? loadOwnerChoices(villageId, me.data) : null), [villageId, me.data])
  const notCadre = !!me.data && !villageId
  const [star, setStar] = useState<Star | null>(null)
  const [text, setText] = useState('')
  const [ownerKey, setOwnerKey] = useState('')
  const [dueMonth, setDueMonth] = useState(chinaMonthNow())
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  // One id per submission: a retry after a lost answer returns the first item instead of a second one.
  const requestId = useRequestId()

  const submit = async () => {
    if (sending) return
    setFormError(null)
    const owner = owners.data?.find((o) => o.key === ownerKey)?.owner
    const input = { villageId, star, criterionId: null, text, ...owner, dueMonth, requestId: requestId.current }
    const parsed = ZChecklistCreate.safeParse(input)
    if (!parsed.success || !owner) {
      const found = parsed.success ? {} : zodFieldErrors(parsed.error)
      if (!owner) found.ownerId = '请选择责任人'
      setErrors(found)
      return
    }
    setErrors({})
    setSending(true)
    try {
      await callApi('checklist.create', parsed.data)
      requestId.renew()
      void Taro.showToast({ title: '已添加', icon: 'success' })
      setTimeout(() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/records/checklist/index?villageId=${villageId}` })), 600)
    } catch (e) {
      if (e instanceof ApiCallError && e.issues.length) setErrors(serverFieldErrors(e.issues))
      setFormError(errorMessage(e))
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='records-page checklist-new'>
      <StateView ready={!!owners.data} loading={!owners.data && !notCadre} error={owners.error ?? me.error} onRetry={owners.reload} empty={notCadre} emptyText='您不是村干部，不能添加清单事项'>
        <View className='card'>
          <View className='records-field'>
            <Text className='records-field__label'>所属星级</Text>
            <View className='records-filters'>
              <Text className={`records-filter cl-star ${star === null ? 'records-filter--on' : ''}`} data-star='0' onClick={() => setStar(null)}>全村</Text>
              {STARS.map((s) => (
                <Text key={s} className={`records-filter cl-star ${star === s ? 'records-filter--on' : ''}`} data-star={String(s)} onClick={() => setStar(s)}>{STAR_NAMES[s]}</Text>
              ))}
            </View>
          </View>
          <View className='records-field'>
            <Text className='records-field__label'>清单内容</Text>
            <Textarea className='records-input cl-text' value={text} maxlength={200} placeholder='如：完善党员活动室制度上墙' onInput={(e) => setText(e.detail.value)} />
            <FieldError errors={errors} name='text' />
          </View>
          <View className='records-field'>
            <Text className='records-field__label'>责任人</Text>
            <View className='records-filters'>
              {(owners.data ?? []).map((o) => (
                <Text key={o.key} className={`records-filter cl-owner ${ownerKey === o.key ? 'records-filter--on' : ''}`} onClick={() => setOwnerKey(o.key)}>{o.name}</Text>
              ))}
            </View>
            <FieldError errors={errors} name='ownerId' />
          </View>
          <View className='records-field'>
            <Text className='records-field__label'>完成时限（YYYY-MM）</Text>
            <Input className='records-input cl-due' value={dueMonth} maxlength={7} onInput={(e) => setDueMonth(e.detail.value)} />
            <FieldError errors={errors} name='dueMonth' />
          </View>
          {formError && <Text className='error-text cl-error'>{formError}</Text>}
          <ActionButton className='btn btn--primary cl-submit' loading={sending} disabled={sending} onClick={submit}>保存</ActionButton>
        </View>
      </StateView>
    </View>
  )
}

export default withElderMode(ChecklistNewPage)
