import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callApi } from '../../services/api'
import { useAsync } from '../../hooks/useAsync'
import { useMe } from '../../hooks/useMe'
import { isLeader } from '../../lib/grants'
import { StateView } from '../../components/StateView'
import { ActionButton } from '../../components/ActionButton'
import { withElderMode } from '../../components/ElderMode'
import { STATUS_NAMES } from '../lib'
import '../tours.css'

/** 季度观摩: the township's tours, newest first; a leader starts a new one here. */
function TourListPage() {
  const me = useMe()
  const list = useAsync(() => callApi('tour.list', { limit: 50 }), [me.data?.personId])
  return (
    <View className='tr-page'>
      {isLeader(me.data) && (
        <View style={{ padding: '0 24px' }}>
          <ActionButton className='btn btn--primary tr-new' onClick={() => Taro.navigateTo({ url: '/tours/new/index' })}>新建观摩</ActionButton>
        </View>
      )}
      <StateView ready={!!list.data} loading={list.loading} error={list.error} onRetry={list.reload} empty={list.data?.items.length === 0} emptyText='还没有观摩活动'>
        {list.data && (
          <View className='tr-card'>
            {list.data.items.map((t) => (
              <View key={t.id} className={`tr-row tr-tour tr-tour-${t.id}`} onClick={() => Taro.navigateTo({ url: `/tours/detail/index?id=${t.id}` })}>
                <View>
                  <Text className='tr-line'>{t.title}</Text>
                  <Text className='tr-muted'>{t.date} · {t.stops.map((s) => s.villageName).join(' → ')}</Text>
                </View>
                <Text className={`tr-badge${t.status === 'closed' ? ' tr-badge--closed' : ''}`}>{STATUS_NAMES[t.status]}</Text>
              </View>
            ))}
          </View>
        )}
      </StateView>
    </View>
  )
}

export default withElderMode(TourListPage)
