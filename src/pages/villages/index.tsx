import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Village } from '../../../types/village'
import { StateView } from '../../components/StateView'
import { useChosenVillage } from '../../hooks/useChosenVillage'
import { usePagedList, useLoadMoreOnReachBottom, pagedListState } from '../../hooks/usePagedList'
import { callApi } from '../../services/api'
import './index.css'

/** Village switcher: the choice is kept on this device and opens that village's board. */
export default function VillagesPage() {
  const [chosen, setChosen] = useChosenVillage()
  const list = usePagedList((cursor) => callApi('village.list', { cursor, limit: 50 }), [])
  useLoadMoreOnReachBottom(list)

  const choose = (v: Village) => {
    setChosen({ id: v.id, name: v.name })
    void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/board/index' }))
  }

  return (
    <View className='villages-page'>
      <StateView
        {...pagedListState(list)}
        emptyText='暂无村庄'
      >
        <View className='card'>
          {list.items.map((v) => (
            <View key={v.id} className='link-row village-item' onClick={() => choose(v)}>
              <Text>{v.name}</Text>
              {chosen?.id === v.id && <Text className='village-item__current'>当前</Text>}
            </View>
          ))}
        </View>
        {list.hasMore && (
          <Text className='list-footer' onClick={list.loadMore}>
            {list.loadingMore ? '加载中…' : '加载更多'}
          </Text>
        )}
      </StateView>
    </View>
  )
}
