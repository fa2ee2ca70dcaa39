import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { InboxItem } from '../../types/inbox'
import { StateView } from '../components/StateView'
import { pagedListState, usePagedList, useLoadMoreOnReachBottom } from '../hooks/usePagedList'
import { formatInstant } from '../lib/day'
import { openPage } from '../lib/open-page'
import { callApi } from '../services/api'
import { errorMessage } from '../services/errors'
import './index.css'
import { withElderMode } from '../components/ElderMode'

const DELIVERY_NOTES: Record<NonNullable<InboxItem['delivery']>['status'], string> = {
  sent: '已同时发送微信提醒',
  recorded: '本地模式：已记录将发送的微信提醒（未真正发送）',
  'no-subscription': '未订阅微信提醒，仅在此处显示',
  'not-configured': '微信提醒未配置，仅在此处显示',
  failed: '微信提醒发送失败，仅在此处显示',
}


function Message({ item, read, onOpen }: { item: InboxItem; read: boolean; onOpen: () => void }) {
  return (
    <View className={`inbox-item${read ? '' : ' inbox-item--unread'}`} onClick={onOpen}>
      <View className='inbox-item__head'>
        {!read && <View className='inbox-item__dot' />}
        <Text className='inbox-item__title'>{item.title}</Text>
        <Text className='inbox-item__time'>{formatInstant(item.createdAt)}</Text>
      </View>
      <Text className='inbox-item__body'>{item.body}</Text>
      {item.delivery && <Text className='inbox-item__delivery muted'>{DELIVERY_NOTES[item.delivery.status]}</Text>}
    </View>
  )
}

/** 消息: what the app has to tell me — drafts to review, decisions, reminders — newest first. */
function InboxPage() {
  const list = usePagedList((cursor) => callApi('inbox.list', { cursor, limit: 20 }), [])
  // Read locally at once; the server is told in the background.
  const [readNow, setReadNow] = useState<Set<string>>(new Set())
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useLoadMoreOnReachBottom(list)

  const open = (item: InboxItem) => {
    if (!item.readAt) {
      setReadNow((prev) => new Set(prev).add(item.id))
      callApi('inbox.markRead', { ids: [item.id] }).catch((e) => console.warn('markRead failed', errorMessage(e)))
    }
    openPage(item.page)
  }

  const markAll = async () => {
    try {
      await callApi('inbox.markRead', { all: true })
      setReadNow(new Set(list.items.map((i) => i.id)))
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' })
    }
  }

  const unread = list.items.some((i) => !i.readAt && !readNow.has(i.id))
  return (
    <View className='inbox-page'>
      {unread && (
        <View className='inbox-page__head'>
          <Button className='btn btn--plain inbox-mark-all' size='mini' onClick={markAll}>
            全部标为已读
          </Button>
        </View>
      )}
      <StateView {...pagedListState(list)} emptyText='还没有消息'>
        {list.items.map((item) => (
          <Message key={item.id} item={item} read={!!item.readAt || readNow.has(item.id)} onOpen={() => open(item)} />
        ))}
        {list.error && list.items.length > 0 && (
          <Text className='list-footer error-text' onClick={list.loadMore}>
            {list.error}，点此重试
          </Text>
        )}
        <Text className='list-footer'>{list.loadingMore ? '加载中…' : list.hasMore ? '上拉加载更多' : '没有更多了'}</Text>
      </StateView>
    </View>
  )
}

export default withElderMode(InboxPage)
