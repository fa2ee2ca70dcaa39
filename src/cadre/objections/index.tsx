import { Text, View } from '@tarojs/components'
import { StateView } from '../../components/StateView'
import { usePagedList, useLoadMoreOnReachBottom, pagedListState } from '../../hooks/usePagedList'
import { formatInstant } from '../../lib/day'
import { isSecretaryOf } from '../../lib/grants'
import { callApi } from '../../services/api'
import { CadreGate } from '../components/CadreGate'
import { NoticeCard } from '../components/NoticeCard'
import { DecideActions } from './DecideActions'
import '../review/index.css'
import './index.css'
import { withElderMode } from '../../components/ElderMode'

function OpenObjections({ villageId, canDecide }: { villageId: string; canDecide: boolean }) {
  const list = usePagedList((cursor) => callApi('objection.listOpen', { villageId, cursor, limit: 20 }), [villageId])
  useLoadMoreOnReachBottom(list)
  return (
    <StateView
      {...pagedListState(list)}
      emptyText='没有待处理的申诉'
    >
      {list.items.map((o) => (
        <NoticeCard key={o.id} notice={o.notice}>
          <View className='objection-reason-box' data-objection-id={o.id}>
            <Text className='objection-reason-box__title'>申诉理由（{formatInstant(o.createdAt)}）</Text>
            <Text className='objection-reason-box__text'>{o.reason}</Text>
          </View>
          {canDecide && <DecideActions objectionId={o.id} onDone={list.reload} />}
        </NoticeCard>
      ))}
      <Text className='list-footer' onClick={list.hasMore ? list.loadMore : undefined}>
        {list.loadingMore ? '加载中…' : list.error ? `${list.error}，点此重试` : list.hasMore ? '加载更多' : '没有更多了'}
      </Text>
    </StateView>
  )
}

/** 申诉处理: open objections to the village's criticisms; the secretary decides each. */
function ObjectionsPage() {
  return (
    <CadreGate>
      {({ me, villageId }) => (
        <View className='objections-page'>
          {!isSecretaryOf(me, villageId) && <Text className='muted review-page__note'>申诉由村党支部书记处理。</Text>}
          <OpenObjections villageId={villageId} canDecide={isSecretaryOf(me, villageId)} />
        </View>
      )}
    </CadreGate>
  )
}

export default withElderMode(ObjectionsPage)
