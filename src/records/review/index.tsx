import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import type { LedgerEntry } from '../../../types/ledger'
import { STAR_NAMES, type Star } from '../../../types/roles'
import { StateView } from '../../components/StateView'
import { useAsync } from '../../hooks/useAsync'
import { useMe } from '../../hooks/useMe'
import { callApi } from '../../services/api'
import { decisionRequestId } from '../../lib/request-id'
import { errorMessage } from '../../services/errors'
import { photoUrl } from '../../services/photos'
import { ledgerLabel } from '../lib/status'
import '../records.css'
import { withElderMode } from '../../components/ElderMode'

/** 台账核实: the task force's queue of its star's entries awaiting verification, across the township. */
function ReviewPage() {
  const me = useMe()
  const star = me.data?.grants.find((g) => g.role === 'taskforce')?.star as Star | undefined
  const queue = useAsync(async () => {
    if (!star) return [] as LedgerEntry[]
    const [fresh, again] = await Promise.all([
      callApi('ledger.list', { star, status: 'submitted', limit: 50 }),
      callApi('ledger.list', { star, status: 'resubmitted', limit: 50 }),
    ])
    return [...again.items, ...fresh.items]
  }, [star])
  useDidShow(() => void queue.reload())
  const [comments, setComments] = useState<Record<string, string>>({})

  const decide = async (entry: LedgerEntry, decision: 'verify' | 'return') => {
    try {
      await callApi('ledger.review', { entryId: entry.id, decision, comment: comments[entry.id] || undefined, expectedVersion: entry.version, requestId: decisionRequestId(entry.id, entry.version, decision) })
      void Taro.showToast({ title: decision === 'verify' ? '已核实' : '已退回', icon: 'success' })
      await queue.reload()
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' })
    }
  }

  return (
    <View className='records-page'>
      {star && <Text className='card__title'>{STAR_NAMES[star]} 待核实台账</Text>}
      <StateView ready={!!queue.data} loading={queue.loading} error={queue.error} onRetry={queue.reload} empty={queue.data?.length === 0} emptyText={star ? '暂无待核实台账' : '仅工作专班成员可核实台账'}>
        {queue.data?.map((e) => (
          <View key={e.id} className='card review-entry' data-entry={e.id}>
            <Text className='records-row__title'>{e.villageId} · {e.date} · {e.otherName ?? e.activityType}</Text>
            <Text className='muted'>{ledgerLabel(e.status)} · {e.createdByName} · 参加 {e.participants.count} 人</Text>
            <Text>{e.summary}</Text>
            <View className='records-photos'>
              {e.photos.map((p) => <Image key={p} className='records-photo' src={photoUrl(p)} mode='aspectFill' />)}
            </View>
            <Input className='records-input review-comment' placeholder='意见（退回时必填）' value={comments[e.id] ?? ''} onInput={(ev) => setComments({ ...comments, [e.id]: ev.detail.value })} />
            <View className='records-actions'>
              <Button className='btn btn--primary review-verify' size='mini' onClick={() => decide(e, 'verify')}>核实通过</Button>
              <Button className='btn btn--ghost review-return' size='mini' onClick={() => decide(e, 'return')}>退回</Button>
            </View>
          </View>
        ))}
      </StateView>
    </View>
  )
}

export default withElderMode(ReviewPage)
