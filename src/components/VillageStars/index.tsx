import { Text, View } from '@tarojs/components'
import { callApi } from '../../services/api'
import { useAsync } from '../../hooks/useAsync'
import { todayInChina } from '../../lib/day'

/** The village's stars this year, as everyone (villagers included) sees them on its board. */
export function VillageStars({ villageId }: { villageId: string }) {
  const year = Number(todayInChina().slice(0, 4))
  const rating = useAsync(() => callApi('rating.get', { villageId, year }), [villageId, year])
  if (!rating.data) return null
  const lit = rating.data.stars.filter((s) => s.state === 'approved').length
  return (
    <View className='village-stars' style={{ padding: '12px 24px', background: '#fff8e1' }}>
      <Text className='village-stars__level'>
        {year} 年五星创建：{'★'.repeat(lit)}{'☆'.repeat(5 - lit)} {rating.data.level} 星
      </Text>
    </View>
  )
}
