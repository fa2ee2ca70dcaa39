import { Text, View } from '@tarojs/components'
import type { Notice, NoticeStatus } from '../../../types/notice'
import { StateView } from '../../components/StateView'
import { usePagedList, useLoadMoreOnReachBottom, pagedListState } from '../../hooks/usePagedList'
import { callApi } from '../../services/api'
import { NoticeCard } from '../components/NoticeCard'
import { ReviewActions } from './ReviewActions'

type Props = {
  villageId: string
  /** Only drafts in this status; all of the village's drafts when absent. */
  status?: NoticeStatus
  /** Whether to offer 通过 / 驳回 on pending drafts (secretaries only; the server checks). */
  canReview: boolean
  /** Bumped by the parent to ask for a fresh first page. */
  refreshKey: number
  onReviewed: () => void
  emptyText: string
}

/** One paginated list of the village's notice drafts. */
export function DraftList({ villageId, status, canReview, refreshKey, onReviewed, emptyText }: Props) {
  const list = usePagedList(
    (cursor) => callApi('notice.listDrafts', { villageId, cursor, limit: 20, ...(status ? { status } : {}) }),
    [villageId, status, refreshKey],
  )
  useLoadMoreOnReachBottom(list)

  return (
    <StateView
      {...pagedListState(list)}
      emptyText={emptyText}
    >
      <View className='draft-list'>
        {list.items.map((n: Notice) => (
          <NoticeCard key={n.id} notice={n}>
            {canReview && n.status === 'pending' && <ReviewActions notice={n} onDone={onReviewed} />}
          </NoticeCard>
        ))}
        <Text className='list-footer' onClick={list.hasMore ? list.loadMore : undefined}>
          {list.loadingMore ? '加载中…' : list.error ? `${list.error}，点此重试` : list.hasMore ? '加载更多' : '没有更多了'}
        </Text>
      </View>
    </StateView>
  )
}
