import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'

const LINKS = [
  { url: '/records/ledger/index', text: '村级台账', className: 'me-link--ledger' },
  { url: '/records/checklist/index', text: '提升清单', className: 'me-link--checklist' },
  { url: '/records/review/index', text: '台账核实（工作专班）', className: 'me-link--ledger-review' },
]

/** Ways into the records subpackage (台账, 提升清单, 专班核实). */
export function RecordsLinks({ taskforce }: { taskforce: boolean }) {
  return (
    <View className='card'>
      <Text className='card__title'>台账与清单</Text>
      {LINKS.filter((l) => taskforce || l.className !== 'me-link--ledger-review').map((l) => (
        <View key={l.url} className={`link-row me-link ${l.className}`} onClick={() => Taro.navigateTo({ url: l.url })}>
          <Text>{l.text}</Text>
          <Text className='link-row__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}
