import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/ActionButton'
import type { Notice } from '../../../types/notice'
import { useAction } from '../../hooks/useAction'
import { callApi } from '../../services/api'
import { decisionRequestId } from '../../lib/request-id'
import { askToSubscribe } from '../../services/subscribe'

type Decision = 'approve' | 'reject'

/** The secretary's 通过 / 驳回 for one pending draft, with an optional comment. */
export function ReviewActions({ notice, onDone }: { notice: Notice; onDone: () => void }) {
  const [comment, setComment] = useState('')
  const review = useAction((decision: Decision) =>
    callApi('notice.review', {
      noticeId: notice.id,
      decision,
      ...(comment.trim() ? { comment } : {}),
      // A stale version means someone else acted first; the server answers CONFLICT.
      expectedVersion: notice.version,
      requestId: decisionRequestId(notice.id, notice.version, decision),
    }),
  )

  const decide = async (decision: Decision) => {
    // From the tap, before any await (WeChat's rule): the secretary keeps hearing of the next drafts.
    void askToSubscribe(['review'])
    if (await review.execute(decision)) {
      void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已驳回', icon: 'success' })
      onDone()
    }
  }

  return (
    <View className='review-actions'>
      <Input
        className='review-comment'
        value={comment}
        maxlength={200}
        placeholder='审核意见（驳回时请说明原因）'
        onInput={(e) => setComment(e.detail.value)}
      />
      {review.error && <Text className='error-text review-error'>{review.error}</Text>}
      <View className='review-actions__buttons'>
        <ActionButton className='btn btn--ghost review-reject' size='mini' disabled={review.pending} onClick={() => decide('reject')}>
          驳回
        </ActionButton>
        <ActionButton className='btn btn--primary review-approve' size='mini' disabled={review.pending} onClick={() => decide('approve')}>
          通过
        </ActionButton>
      </View>
    </View>
  )
}
