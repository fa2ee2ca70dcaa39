import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { STAR_NAMES } from '../../../types/roles'
import { callApi } from '../../services/api'
import { useAsync } from '../../hooks/useAsync'
import { useAction } from '../../hooks/useAction'
import { StateView } from '../../components/StateView'
import { ActionButton } from '../../components/ActionButton'
import { Legend, StarCell } from '../StarCell'
import { currentYear } from '../lib'
import '../ratings.css'
import { withElderMode } from '../../components/ElderMode'
import { useState } from 'react'
import { LeaderAttendance } from './LeaderAttendance'

/** 督导看板: every village × the five stars, with the month's figures and the ranking. */
function DashboardPage() {
  const year = currentYear()
  const grid = useAsync(() => callApi('dashboard.get', { year, limit: 50 }), [year])
  const exporting = useAction(async () => {
    const file = await callApi('export.dashboard', { year })
    if (process.env.TARO_ENV === 'h5') window.open(file.url, '_blank')
    else await Taro.downloadFile({ url: file.url }).then((r) => Taro.openDocument({ filePath: r.tempFilePath, showMenu: true }))
  })
  // 联系村: a contact leader's own villages first, or only them (我的联系村).
  const contacts = useAsync(async () => {
    const [list, attendance] = await Promise.all([callApi('contact.list', { year }), callApi('contact.attendance', { year })])
    return { mine: new Set(list.items.filter((c) => c.mine).map((c) => c.villageId)), attendance: attendance.items }
  }, [year])
  const [onlyMine, setOnlyMine] = useState(false)
  const mine = contacts.data?.mine ?? new Set<string>()
  const ranked = grid.data
    ? [...grid.data.rows].filter((r) => !onlyMine || mine.has(r.villageId)).sort((a, b) => Number(mine.has(b.villageId)) - Number(mine.has(a.villageId)) || a.rank - b.rank)
    : []
  return (
    <View className='rt-page'>
      <View className='rt-legend'><Legend /></View>
      {mine.size > 0 && (
        <View className='rt-tabs rt-mine-filter'>
          <Text className={`rt-tab rt-tab--all${onlyMine ? '' : ' rt-tab--active'}`} onClick={() => setOnlyMine(false)}>全部村（我的联系村在前）</Text>
          <Text className={`rt-tab rt-tab--mine${onlyMine ? ' rt-tab--active' : ''}`} onClick={() => setOnlyMine(true)}>我的联系村</Text>
        </View>
      )}
      <StateView ready={!!grid.data} loading={grid.loading} error={grid.error} onRetry={grid.reload}>
        {grid.data && (
          <View className='rt-card rt-grid'>
            <Text className='rt-title'>{year} 年 · {grid.data.month} 月度数据</Text>
            <Text className='rt-muted' style={{ display: 'block' }}>{[1, 2, 3, 4, 5].map((s) => `${s}=${STAR_NAMES[s as 1]}`).join(' ')}</Text>
            {ranked.map((row) => (
              <View key={row.villageId} className={`rt-grid__row rt-village-${row.villageId}`}>
                <Text className='rt-grid__name'>{row.rank}. {row.villageName}</Text>
                <View className='rt-grid__cells'>
                  {row.stars.map((cell) => (
                    <StarCell key={cell.star} state={cell.state} onClick={() =>
                      cell.applicationId
                        ? Taro.navigateTo({ url: `/ratings/detail/index?id=${cell.applicationId}` })
                        : Taro.showModal({ title: `${row.villageName} ${STAR_NAMES[cell.star]}`, content: `本月台账：已完成 ${row.compliance.done}，待核实 ${row.compliance.pending}，未完成 ${row.compliance.missing}，逾期 ${row.compliance.overdue}`, showCancel: false })
                    } />
                  ))}
                </View>
                <Text className='rt-grid__figs'>
                  {row.level}/{row.target?.level ?? '-'}星 台账{Math.round(row.complianceRate * 100)}% 清单{row.checklist.done}/{row.checklist.total} 逾{row.checklist.overdue} 扬{row.praise} 曝{row.criticism}
                </Text>
              </View>
            ))}
          </View>
        )}
      </StateView>
      {grid.data?.latestTour && (
        <View className='rt-card rt-latest-tour' onClick={() => Taro.navigateTo({ url: `/tours/detail/index?id=${grid.data!.latestTour!.tourId}` })}>
          <Text className='rt-title'>{grid.data.latestTour.title}排名（{grid.data.latestTour.date}）</Text>
          {grid.data.latestTour.ranking.map((r) => (
            <View key={r.villageId} className='rt-row'>
              <Text>{r.rank}. {r.villageName}</Text>
              <Text className='rt-muted'>均分 {r.mean} · {r.scorers} 人评分</Text>
            </View>
          ))}
        </View>
      )}
      {contacts.data && <LeaderAttendance items={contacts.data.attendance} />}
      <View style={{ padding: '0 24px' }}>
        <ActionButton className='btn btn--ghost rt-export' loading={exporting.pending} onClick={() => exporting.execute()}>导出 Excel</ActionButton>
        {exporting.error && <Text className='rt-error'>{exporting.error}</Text>}
      </View>
    </View>
  )
}

export default withElderMode(DashboardPage)
