import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'

const LINKS = [
  { url: '/cadre/draft/index', text: '起草表扬/曝光', className: 'me-link--draft' },
  { url: '/cadre/review/index', text: '审核公告', className: 'me-link--review' },
  { url: '/cadre/objections/index', text: '申诉处理', className: 'me-link--objections' },
  { url: '/awards/index/index', text: '每周评选 · 五好家庭', className: 'me-link--awards' },
]

/** Ways into the cadre subpackage. */
export function CadreLinks() {
  return (
    <View className='card'>
      <Text className='card__title'>村务工作</Text>
      {LINKS.map((l) => (
        <View key={l.url} className={`link-row me-link ${l.className}`} onClick={() => Taro.navigateTo({ url: l.url })}>
          <Text>{l.text}</Text>
          <Text className='link-row__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}
