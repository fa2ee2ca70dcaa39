import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { STAR_NAMES, STARS, type Star } from '../../../types/roles'
import { APPLICATION_STATUS_NAMES } from '../../../types/application'
import { callApi } from '../../services/api'
import { useAsync } from '../../hooks/useAsync'
import { useAction } from '../../hooks/useAction'
import { StateView } from '../../components/StateView'
import { ActionButton } from '../../components/ActionButton'
import { CadreGate } from '../../cadre/components/CadreGate'
import { StarCell } from '../StarCell'
import { currentYear } from '../lib'
import '../ratings.css'
import { withElderMode } from '../../components/ElderMode'

const open = (id: string) => Taro.navigateTo({ url: `/ratings/detail/index?id=${id}` })

function VillageApplications({ villageId }: { villageId: string }) {
  const year = currentYear()
  const data = useAsync(async () => {
    const [row, list] = await Promise.all([
      callApi('dashboard.get', { year, villageId }),
      callApi('application.list', { villageId, year, limit: 50 }),
    ])
    return { row: row.rows[0], list: list.items }
  }, [villageId, year])
  const create = useAction(async (star: Star) => {
    const app = await callApi('application.create', { villageId, star, year })
    open(app.id)
  })
  const row = data.data?.row
  return (
    <StateView ready={!!data.data} loading={data.loading} error={data.error} onRetry={data.reload}>
      {row && (
        <View className='rt-card'>
          <Text className='rt-title'>{year} 年创星情况：{row.level} 星{row.target ? `（目标 ${row.target.level} 星）` : ''}</Text>
          {STARS.map((star) => {
            const cell = row.stars[star - 1]
            const live = cell.applicationId && cell.status !== 'rejected' && cell.status !== 'revoked'
            return (
              <View key={star} className={`rt-row rt-star-${star}`}>
                <StarCell state={cell.state} />
                <Text style={{ flex: 1, marginLeft: '16px' }}>{STAR_NAMES[star]}</Text>
                {cell.applicationId && <Text className='rt-muted' onClick={() => open(cell.applicationId!)}>{cell.status ? APPLICATION_STATUS_NAMES[cell.status] : ''} ›</Text>}
                {!live && (
                  <ActionButton className='btn btn--primary rt-apply' size='mini' loading={create.pending} onClick={() => create.execute(star)}>
                    申报
                  </ActionButton>
                )}
              </View>
            )
          })}
          {create.error && <Text className='rt-error'>{create.error}</Text>}
          <Text className='rt-muted'>合规：已完成 {row.compliance.done}，待核实 {row.compliance.pending}，未完成 {row.compliance.missing}，逾期 {row.compliance.overdue}；清单 {row.checklist.done}/{row.checklist.total}，逾期 {row.checklist.overdue}</Text>
        </View>
      )}
      {data.data && data.data.list.length > 0 && (
        <View className='rt-card'>
          <Text className='rt-title'>本村申报记录</Text>
          {data.data.list.map((a) => (
            <View key={a.id} className='rt-row' onClick={() => open(a.id)}>
              <Text>{STAR_NAMES[a.star]}</Text>
              <Text className='rt-muted'>{APPLICATION_STATUS_NAMES[a.status]} ›</Text>
            </View>
          ))}
        </View>
      )}
    </StateView>
  )
}

/** 创星申报: the village's five stars this year, and the way to apply for one. */
function ApplyPage() {
  return <View className='rt-page'><CadreGate>{({ villageId }) => <VillageApplications villageId={villageId} />}</CadreGate></View>
}

export default withElderMode(ApplyPage)
