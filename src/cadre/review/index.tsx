import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Me } from '../../../types/village'
import { isLeader, isSecretaryOf } from '../../lib/grants'
import { CadreGate } from '../components/CadreGate'
import { DraftList } from './DraftList'
import './index.css'
import { withElderMode } from '../../components/ElderMode'

/** The village's secretary, or a township leader (the server checks the township). */
const canReview = (me: Me, villageId: string) => isSecretaryOf(me, villageId) || isLeader(me)

type Tab = 'pending' | 'all'

/** 审核公告: the secretary's queue of pending drafts, and every draft of the village for its cadres. */
function ReviewPage() {
  // A message about a decision opens on every draft (?tab=all), where the drafter sees its status.
  const { params } = useRouter()
  const [tab, setTab] = useState<Tab>(params.tab === 'all' ? 'all' : 'pending')
  const [refreshKey, setRefreshKey] = useState(0)
  return (
    <CadreGate leaders>
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
          {!canReview(me, villageId) && <Text className='muted review-page__note'>审核由村党支部书记或镇领导进行。</Text>}
          {isLeader(me) && <Text className='muted review-page__note'>镇领导可审核本镇各村的公告，在首页切换村庄。</Text>}
          <DraftList
            villageId={villageId}
            status={tab === 'pending' ? 'pending' : undefined}
            canReview={canReview(me, villageId)}
            refreshKey={refreshKey}
            onReviewed={() => setRefreshKey((k) => k + 1)}
            emptyText={tab === 'pending' ? '没有待审核的公告' : '本村还没有草稿'}
          />
        </View>
      )}
    </CadreGate>
  )
}

export default withElderMode(ReviewPage)
