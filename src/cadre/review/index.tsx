import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { isSecretaryOf } from '../../lib/grants'
import { CadreGate } from '../components/CadreGate'
import { DraftList } from './DraftList'
import './index.css'

type Tab = 'pending' | 'all'

/** 审核公告: the secretary's queue of pending drafts, and every draft of the village for its cadres. */
export default function ReviewPage() {
  // A message about a decision opens on every draft (?tab=all), where the drafter sees its status.
  const { params } = useRouter()
  const [tab, setTab] = useState<Tab>(params.tab === 'all' ? 'all' : 'pending')
  const [refreshKey, setRefreshKey] = useState(0)
  return (
    <CadreGate>
      {({ me, villageId }) => (
        <View className='review-page'>
          <View className='review-tabs'>
            <Text className={`review-tab review-tab--pending${tab === 'pending' ? ' review-tab--active' : ''}`} onClick={() => setTab('pending')}>
              待审核
            </Text>
            <Text className={`review-tab review-tab--all${tab === 'all' ? ' review-tab--active' : ''}`} onClick={() => setTab('all')}>
              全部草稿
            </Text>
          </View>
          {!isSecretaryOf(me, villageId) && <Text className='muted review-page__note'>审核由村党支部书记进行。</Text>}
          <DraftList
            villageId={villageId}
            status={tab === 'pending' ? 'pending' : undefined}
            canReview={isSecretaryOf(me, villageId)}
            refreshKey={refreshKey}
            onReviewed={() => setRefreshKey((k) => k + 1)}
            emptyText={tab === 'pending' ? '没有待审核的公告' : '本村还没有草稿'}
          />
        </View>
      )}
    </CadreGate>
  )
}
