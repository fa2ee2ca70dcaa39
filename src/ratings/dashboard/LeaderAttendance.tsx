import { Text, View } from '@tarojs/components'
import type { LeaderAttendance as Row } from '../../../types/contact'

/** 联系领导参加主题党日、组织生活会: per contact leader, their villages and the entries recording them by quarter. */
export function LeaderAttendance({ items }: { items: Row[] }) {
  if (items.length === 0) return null
  return (
    <View className='rt-card rt-attendance'>
      <Text className='rt-title'>联系领导参加主题党日、组织生活会（次）</Text>
      <Text className='rt-muted' style={{ display: 'block' }}>一季度 / 二季度 / 三季度 / 四季度</Text>
      {items.map((l) => (
        <View key={l.leaderName + l.villages.join()} className={`rt-row rt-attendance__row${l.mine ? ' rt-attendance__row--mine' : ''}`}>
          <Text>{l.leaderName}{l.mine ? '（我）' : ''} · {l.villages.length} 个村</Text>
          <Text className='rt-attendance__q'>{l.quarters.join(' / ')}</Text>
        </View>
      ))}
    </View>
  )
}
