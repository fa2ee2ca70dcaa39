import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { withPrivacy } from '../../lib/privacy'

/** 我的用户编号: my own id (WeChat OPENID), copyable, for ADMIN_OPENIDS and for support. Only I see it. */
export function MyId({ personId }: { personId: string }) {
  const copy = () =>
    withPrivacy(() => Taro.setClipboardData({ data: personId }), '需要同意《用户隐私保护指引》后才能复制')
  return (
    <View className='card my-id'>
      <Text className='card__title'>我的用户编号</Text>
      <Text className='my-id__value' selectable userSelect>
        {personId}
      </Text>
      <Text className='link-row my-id__copy' onClick={copy}>
        复制编号
      </Text>
    </View>
  )
}
