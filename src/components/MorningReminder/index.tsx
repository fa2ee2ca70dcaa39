import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { askToSubscribe } from '../../services/subscribe'
import './index.css'

/** 明早公告提醒: one tap asks WeChat for one message when this village's next board is out. */
export function MorningReminder({ villageId }: { villageId: string }) {
  const [asked, setAsked] = useState(false)
  const onTap = async () => {
    // WeChat opens its prompt only from the tap itself: nothing may be awaited before this call.
    const accepted = await askToSubscribe(['board'], villageId)
    setAsked(accepted)
    void Taro.showToast({ title: accepted ? '已订阅提醒' : '未订阅', icon: accepted ? 'success' : 'none' })
  }
  return (
    <View className='morning-reminder' onClick={onTap}>
      <Text className='morning-reminder__text'>{asked ? '已订阅：下一期公告发布时提醒我' : '明早公告发布时提醒我'}</Text>
    </View>
  )
}
