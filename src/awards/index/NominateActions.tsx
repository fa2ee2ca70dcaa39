import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/ActionButton'
import type { Notice } from '../../../types/notice'
import type { AwardKind } from '../../../types/award-labels'
import { useAction } from '../../hooks/useAction'
import { useRequestId } from '../../lib/request-id'
import { callApi } from '../../services/api'

/** 提名每周之星 / 优秀小组 from one of the week's praise notices, with an optional prize. */
export function NominateActions({ notice, week, onDone }: { notice: Notice; week: string; onDone: () => void }) {
  const [prize, setPrize] = useState('')
  const requestId = useRequestId()
  const nominate = useAction((kind: AwardKind) =>
    callApi('award.nominate', {
      villageId: notice.villageId, kind, week, noticeId: notice.id, requestId: requestId.current,
      ...(prize.trim() ? { prize: prize.trim() } : {}),
    }),
  )
  const go = async (kind: AwardKind) => {
    if (await nominate.execute(kind)) {
      requestId.renew()
      void Taro.showToast({ title: '已提名，待书记确认', icon: 'success' })
      onDone()
    }
  }
  return (
    <View className='award-nominate'>
      <Input className='award-prize' value={prize} maxlength={30} placeholder='奖品（选填，如：洗衣粉一袋）' onInput={(e) => setPrize(e.detail.value)} />
      {nominate.error && <Text className='error-text award-error'>{nominate.error}</Text>}
      <View className='award-buttons'>
        <ActionButton className='btn btn--primary award-nominate-star' size='mini' disabled={nominate.pending} onClick={() => go('weeklyStar')}>
          提名每周之星
        </ActionButton>
        <ActionButton className='btn btn--ghost award-nominate-group' size='mini' disabled={nominate.pending} onClick={() => go('excellentGroup')}>
          提名优秀小组
        </ActionButton>
      </View>
    </View>
  )
}
