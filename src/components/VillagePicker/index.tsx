import { useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { Village } from '../../../types/village'
import { callApi } from '../../services/api'
import { useAsync } from '../../hooks/useAsync'
import { usePagedList, useLoadMoreOnReachBottom, pagedListState } from '../../hooks/usePagedList'
import { StateView } from '../StateView'
import './index.css'

/** Above this many villages a search box is shown: a long list is slow to scan on a phone. */
export const SEARCH_ABOVE = 20

type Props = {
  /** The village chosen on this device, marked 当前. */
  chosenId?: string | null
  onChoose: (village: Village) => void
}

/** The township's villages to choose from, with a search box once there are many: on 今日公告 and 切换村庄. */
export function VillagePicker({ chosenId, onChoose }: Props) {
  // One deployment may serve several townships: the visitor picks the township first, then the village.
  const townships = useAsync(() => callApi('township.list', {}), [])
  const [townshipId, setTownshipId] = useState<string | undefined>(undefined)
  const list = usePagedList((cursor) => callApi('village.list', { cursor, limit: 50, ...(townshipId ? { townshipId } : {}) }), [townshipId])
  useLoadMoreOnReachBottom(list)
  const [query, setQuery] = useState('')
  const q = query.trim()

  // A search covers every village, not only the pages loaded so far.
  const { hasMore, loadingMore, error, loadMore } = list
  useEffect(() => {
    if (q && hasMore && !loadingMore && !error) void loadMore()
  }, [q, hasMore, loadingMore, error, loadMore])

  const searchable = list.items.length > SEARCH_ABOVE || list.hasMore
  const shown = q ? list.items.filter((v) => v.name.includes(q)) : list.items

  return (
    <StateView {...pagedListState(list)} emptyText='暂无村庄'>
      <View className='village-picker'>
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
        {searchable && (
          <View className='village-search'>
            <Input
              className='village-search__input'
              value={query}
              maxlength={20}
              confirmType='search'
              placeholder={`搜索村名（共 ${list.items.length}${list.hasMore ? '+' : ''} 个村）`}
              onInput={(e) => setQuery(e.detail.value)}
            />
            {query && (
              <Text className='village-search__clear' onClick={() => setQuery('')}>
                清除
              </Text>
            )}
          </View>
        )}
        <View className='card village-list'>
          {shown.map((v) => (
            <View key={v.id} className='link-row village-item' data-village-id={v.id} onClick={() => onChoose(v)}>
              <Text>{v.name}</Text>
              {chosenId === v.id ? <Text className='village-item__current'>当前</Text> : <Text className='link-row__arrow'>›</Text>}
            </View>
          ))}
          {q && shown.length === 0 && <Text className='muted village-list__none'>{list.hasMore ? '查找中…' : `没有名字里含“${q}”的村`}</Text>}
        </View>
        {!q && list.hasMore && (
          <Text className='list-footer' onClick={list.loadMore}>
            {list.loadingMore ? '加载中…' : '加载更多'}
          </Text>
        )}
        {list.error && <Text className='error-text village-list__error'>{list.error}</Text>}
      </View>
    </StateView>
  )
}
