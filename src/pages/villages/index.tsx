import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Village } from '../../../types/village'
import { StateView } from '../../components/StateView'
import { useAsync } from '../../hooks/useAsync'
import { useChosenVillage } from '../../hooks/useChosenVillage'
import { usePagedList, useLoadMoreOnReachBottom, pagedListState } from '../../hooks/usePagedList'
import { callApi } from '../../services/api'
import './index.css'

/** Village switcher: the choice is kept on this device and opens that village's board. */
export default function VillagesPage() {
  const [chosen, setChosen] = useChosenVillage()
  // One deployment may serve several townships: the visitor picks the township first, then the village.
  const townships = useAsync(() => callApi('township.list', {}), [])
  const [townshipId, setTownshipId] = useState<string | undefined>(undefined)
  const list = usePagedList((cursor) => callApi('village.list', { cursor, limit: 50, ...(townshipId ? { townshipId } : {}) }), [townshipId])
  useLoadMoreOnReachBottom(list)

  const choose = (v: Village) => {
    setChosen({ id: v.id, name: v.name })
    void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/board/index' }))
  }

  return (
    <View className='villages-page'>
      {(townships.data?.items.length ?? 0) > 1 && (
        <View className='card township-picker'>
          {townships.data?.items.map((t) => (
            <Text
              key={t.id}
              className={`township-item${(townshipId ?? list.items[0]?.townshipId) === t.id ? ' township-item--current' : ''}`}
              onClick={() => setTownshipId(t.id)}
            >
              {t.name}
            </Text>
          ))}
        </View>
      )}
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
