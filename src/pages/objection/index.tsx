import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { ActionButton } from '../../components/ActionButton'
import { FieldError } from '../../components/FieldError'
import { useAction } from '../../hooks/useAction'
import { serverFieldErrors } from '../../lib/form'
import { callApi } from '../../services/api'
import { useRequestId } from '../../lib/request-id'
import './index.css'
import { withElderMode } from '../../components/ElderMode'

/** 申诉: a villager objects to a criticism on their village's board; it is hidden until the secretary decides. */
function ObjectionPage() {
  const { params } = useRouter()
  const noticeId = params.noticeId ?? ''
  const [reason, setReason] = useState('')
  const submit = useAction((input: { noticeId: string; reason: string; requestId: string }) => callApi('objection.create', input))
  // Kept across retries of this submission: a retry after a lost answer gets the first objection back.
  const requestId = useRequestId()

  // The server checks the reason with the contract's schema and its messages come back per field: this
  // page is in the main package, which carries no schemas (a rare form is not worth zod for everyone).
  const onSubmit = async () => {
    const done = await submit.execute({ noticeId, reason, requestId: requestId.current })
    if (done) {
      await Taro.showToast({ title: '申诉已提交', icon: 'success' })
      setTimeout(() => void Taro.navigateBack(), 800)
    }
  }

  const shown = serverFieldErrors(submit.issues)
  // A refusal explained under its field needs no second, summary line.
  const explained = 'reason' in shown || 'noticeId' in shown
  return (
    <View className='objection-page'>
      <View className='card'>
        <Text className='card__title'>对这条曝光提出申诉</Text>
        <Text className='muted'>请说明理由。村党支部书记处理前，该曝光暂不公示；每人同时只能有一条待处理的申诉。</Text>
        <Textarea
          className='objection-reason'
          value={reason}
          maxlength={300}
          placeholder='申诉理由（5～300 字）'
          onInput={(e) => setReason(e.detail.value)}
        />
        <FieldError errors={shown} name='reason' />
        <FieldError errors={shown} name='noticeId' />
        {submit.error && !explained && <Text className='error-text submit-error'>{submit.error}</Text>}
        <ActionButton className='btn btn--primary objection-submit' loading={submit.pending} disabled={submit.pending} onClick={onSubmit}>
          提交
        </ActionButton>
      </View>
    </View>
  )
}

export default withElderMode(ObjectionPage)
