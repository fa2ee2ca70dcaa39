import { Switch, Text, View } from '@tarojs/components'
import { useElderMode } from '../../hooks/useElderMode'

/** 长辈模式: larger text and buttons on every page, remembered on this device. */
export function ElderSwitch() {
  const [on, setOn] = useElderMode()
  return (
    <View className='card'>
      <View className='link-row me-elder'>
        <View className='me-elder__text'>
          <Text>长辈模式</Text>
          <Text className='muted me-elder__hint'>字更大、按钮更大</Text>
        </View>
        <Switch className='me-elder__switch' checked={on} color='#c8161d' onChange={(e) => setOn(e.detail.value)} />
      </View>
    </View>
  )
}
