import { useRef } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useAsync } from '../../hooks/useAsync'
import { callApi } from '../../services/api'

/** 我的 → 消息, with the unread count; counted again whenever 我的 shows (coming back from the inbox). */
export function InboxEntry() {
  const unread = useAsync(() => callApi('inbox.unreadCount', {}), [])
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current) void unread.reload()
    shownBefore.current = true
  })
  const count = unread.data?.count ?? 0
  return (
    <View className='card'>
      <View className='link-row me-link me-link--inbox' onClick={() => Taro.navigateTo({ url: '/inbox/index' })}>
        <Text>消息</Text>
        <View className='me-inbox__right'>
          {count > 0 && <Text className='me-inbox__badge'>{count > 99 ? '99+' : count}</Text>}
          <Text className='link-row__arrow'>›</Text>
        </View>
      </View>
    </View>
  )
}
