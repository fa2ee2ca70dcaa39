import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { BoardDate } from '../../../types/board'
import { StateView } from '../../components/StateView'
import { useChosenVillage } from '../../hooks/useChosenVillage'
import { useMe } from '../../hooks/useMe'
import { usePagedList, useLoadMoreOnReachBottom } from '../../hooks/usePagedList'
import { useVillageName } from '../../hooks/useVillageName'
import { formatDay } from '../../lib/day'
import { callApi } from '../../services/api'
import './index.css'
import { withElderMode } from '../../components/ElderMode'

const openSwitcher = () => Taro.navigateTo({ url: '/pages/villages/index' })

function DateRow({ villageId, item }: { villageId: string; item: BoardDate }) {
  return (
    <View
      className='history-item'
      onClick={() => Taro.navigateTo({ url: `/pages/day/index?villageId=${villageId}&date=${item.date}` })}
    >
      <Text className='history-item__date'>{formatDay(item.date)}</Text>
      <Text className='history-item__counts'>
        表扬 {item.praiseCount} · 曝光 {item.criticismCount}
      </Text>
    </View>
  )
}

/** 往期: the published days of the chosen village, newest first, loaded page by page. */
function HistoryPage() {
  const me = useMe()
  const [chosen] = useChosenVillage()
  const villageId = chosen?.id ?? me.data?.villageId ?? null
  const villageName = useVillageName(villageId, chosen?.name ?? '')
  const list = usePagedList(
    (cursor) =>
      villageId
        ? callApi('board.listDates', { villageId, cursor, limit: 20 })
        : Promise.resolve({ items: [], nextCursor: null }),
    [villageId],
  )

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useLoadMoreOnReachBottom(list)

  return (
    <View className='history-page'>
      <View className='history-page__head'>
        <Text className='history-page__village'>{villageId ? villageName || '本村' : '未选择村庄'}</Text>
        <Text className='history-page__switch' onClick={openSwitcher}>
          切换村庄
        </Text>
      </View>
      <StateView
        ready={villageId ? list.items.length > 0 : !!me.data}
        loading={villageId ? list.loading : me.loading}
        error={villageId ? (list.items.length === 0 ? list.error : null) : me.error}
        onRetry={villageId ? list.reload : me.reload}
        empty={!villageId || list.items.length === 0}
        emptyText={villageId ? '还没有往期公告' : '还没有选择村庄'}
        emptyAction={
          villageId ? undefined : (
            <Button className='btn btn--primary' onClick={openSwitcher}>
              选择村庄
            </Button>
          )
        }
      >
        {villageId && list.items.map((item) => <DateRow key={item.date} villageId={villageId} item={item} />)}
        {list.error && list.items.length > 0 && (
          <Text className='list-footer error-text' onClick={list.loadMore}>
            {list.error}，点此重试
          </Text>
        )}
        <Text className='list-footer'>
          {list.loadingMore ? '加载中…' : list.hasMore ? '上拉加载更多' : '没有更多了'}
        </Text>
      </StateView>
    </View>
  )
}

export default withElderMode(HistoryPage)
