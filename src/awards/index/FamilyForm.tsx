import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { ActionButton } from '../../components/ActionButton'
import { useAction } from '../../hooks/useAction'
import { useRequestId } from '../../lib/request-id'
import { callApi } from '../../services/api'

/** 五好家庭 of the year: the household and its 事迹, nominated for the secretary to confirm. */
export function FamilyForm({ villageId, year, onDone }: { villageId: string; year: number; onDone: () => void }) {
  const [name, setName] = useState('')
  const [householdNo, setHouseholdNo] = useState('')
  const [reason, setReason] = useState('')
  const [prize, setPrize] = useState('')
  const requestId = useRequestId()
  const submit = useAction(() =>
    callApi('award.nominate', {
      villageId, kind: 'fiveGoodFamily', year, requestId: requestId.current, reason,
      subject: { name, ...(householdNo.trim() ? { householdNo } : {}) },
      ...(prize.trim() ? { prize } : {}),
    }),
  )
  const go = async () => {
    if (await submit.execute()) {
      requestId.renew()
      setName('')
      setHouseholdNo('')
      setReason('')
      setPrize('')
      void Taro.showToast({ title: '已提名，待书记确认', icon: 'success' })
      onDone()
    }
  }
  return (
    <View className='card award-family-form'>
      <Text className='card__title'>提名{year}年五好家庭</Text>
      <Input className='award-input award-family-name' value={name} maxlength={20} placeholder='户主姓名' onInput={(e) => setName(e.detail.value)} />
      <Input className='award-input award-family-household' value={householdNo} maxlength={20} placeholder='户号（如 3组5号，选填）' onInput={(e) => setHouseholdNo(e.detail.value)} />
      <Textarea className='award-input award-family-reason' value={reason} maxlength={200} placeholder='事迹（至少 5 个字）' onInput={(e) => setReason(e.detail.value)} />
      <Input className='award-input award-family-prize' value={prize} maxlength={30} placeholder='奖品（选填）' onInput={(e) => setPrize(e.detail.value)} />
      {submit.error && <Text className='error-text award-error'>{submit.error}</Text>}
      <ActionButton className='btn btn--primary award-family-submit' disabled={submit.pending} onClick={go}>
        提交提名
      </ActionButton>
    </View>
  )
}
