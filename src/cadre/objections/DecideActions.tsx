import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/ActionButton'
import { useAction } from '../../hooks/useAction'
import { callApi } from '../../services/api'
import { decisionRequestId } from '../../lib/request-id'

type Decision = 'uphold' | 'dismiss'

/** 申诉处理: upholding takes the criticism down for good, dismissing puts it back on the board. */
export function DecideActions({ objectionId, onDone }: { objectionId: string; onDone: () => void }) {
  const [comment, setComment] = useState('')
  const decide = useAction((decision: Decision) =>
    callApi('objection.decide', { objectionId, decision, ...(comment.trim() ? { comment } : {}), requestId: decisionRequestId(objectionId, decision) }),
  )

  const run = async (decision: Decision) => {
    if (await decide.execute(decision)) {
      void Taro.showToast({ title: '已处理', icon: 'success' })
      onDone()
    }
  }

  return (
    <View className='review-actions'>
      <Input
        className='review-comment objection-comment'
        value={comment}
        maxlength={200}
        placeholder='处理意见（选填）'
        onInput={(e) => setComment(e.detail.value)}
      />
      {decide.error && <Text className='error-text'>{decide.error}</Text>}
      <View className='review-actions__buttons'>
        <ActionButton className='btn btn--ghost objection-dismiss' size='mini' disabled={decide.pending} onClick={() => run('dismiss')}>
          申诉不成立
        </ActionButton>
        <ActionButton className='btn btn--primary objection-uphold' size='mini' disabled={decide.pending} onClick={() => run('uphold')}>
          申诉成立
        </ActionButton>
      </View>
    </View>
  )
}
