import { Text, View } from '@tarojs/components'
import { StateView } from '../../components/StateView'
import { useMe } from '../../hooks/useMe'
import { cadreVillageIds } from '../../lib/grants'
import { ROLE_NAMES } from '../../../types/roles'
import { CadreLinks } from './CadreLinks'
import { RatingLinks } from './RatingLinks'
import { RecordsLinks } from './RecordsLinks'
import { GrantRow } from './GrantRow'
import { MyVillage } from './MyVillage'
import { InboxEntry } from './InboxEntry'
import { ElderSwitch } from './ElderSwitch'
import { MyId } from './MyId'
import { RoleLinks } from './RoleLinks'
import { MeetingLinks } from './MeetingLinks'
import './index.css'
import { withElderMode } from '../../components/ElderMode'

// Only the browser build carries the demo login; webpack drops this require from the weapp bundle.
const DemoLogin =
  process.env.TARO_ENV === 'h5'
    ? (require('../../components/DemoLogin') as typeof import('../../components/DemoLogin')).default
    : null

/** 我的: who the server says I am, my village, and the way into cadre work. */
function MePage() {
  const me = useMe()
  const data = me.data
  return (
    <View className='me-page'>
      <StateView ready={!!data} loading={me.loading} error={me.error} onRetry={me.reload}>
        {data && (
          <>
            <View className='card me-who'>
              <Text className='me-who__name'>{data.name ?? (data.signedIn ? '未命名' : '游客')}</Text>
              <View className='me-who__roles'>
                {data.grants.length === 0 ? (
                  <Text className='me-role__name'>{ROLE_NAMES.visitor}</Text>
                ) : (
                  data.grants.map((g, i) => <GrantRow key={i} grant={g} />)
                )}
              </View>
            </View>
            <MyVillage me={data} onChanged={me.reload} />
            {data.signedIn && <InboxEntry key={data.personId ?? ''} />}
            {cadreVillageIds(data).length > 0 && <CadreLinks />}
            {data.signedIn && <RoleLinks me={data} />}
            {data.personId && <MyId personId={data.personId} />}
            {data.grants.some((g) => g.role !== 'villager') && <RecordsLinks taskforce={data.grants.some((g) => g.role === 'taskforce')} />}
            <RatingLinks me={data} />
            <MeetingLinks me={data} />
          </>
        )}
      </StateView>
      <ElderSwitch />
      {DemoLogin && <DemoLogin onChanged={me.reload} />}
    </View>
  )
}

export default withElderMode(MePage)
