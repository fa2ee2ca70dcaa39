import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { STAR_NAMES, STARS, type Star } from '../../../types/labels'
import type { WeeklyFigures, WeeklyReport } from '../../../types/weekly'
import { WEEKLY_FIGURE_COLUMNS } from '../../../types/weekly-labels'
import { callApi } from '../../services/api'
import { useAsync } from '../../hooks/useAsync'
import { useAction } from '../../hooks/useAction'
import { useMe } from '../../hooks/useMe'
import { useRequestId } from '../../lib/request-id'
import { StateView } from '../../components/StateView'
import { ActionButton } from '../../components/ActionButton'
import { withElderMode } from '../../components/ElderMode'
import '../weekly.css'

const figs = (f: WeeklyFigures) => WEEKLY_FIGURE_COLUMNS.filter(([k]) => f[k] > 0).map(([k, name]) => `${name} ${f[k]}`).join('　') || '本周无变化'

/** 每周专题会: the 专班's week as the app writes it from the records; the 专班 adds 问题 and 下周安排 and closes it. */
function WeeklyReportPage() {
  const { params } = useRouter()
  const me = useMe()
  const grants = me.data?.grants ?? []
  const ownStar = grants.find((g) => g.role === 'taskforce')?.star as Star | undefined
  const [star, setStar] = useState<Star>((Number(params.star) || ownStar || 1) as Star)
  const shownStar = params.star || !ownStar ? star : ownStar
  // Weeks visited back from the current one ([] = this week).
  const [weeks, setWeeks] = useState<string[]>(params.week ? [params.week] : [])
  const week = weeks[weeks.length - 1]
  const report = useAsync(async () => (me.data ? callApi('report.weekly', { star: shownStar, ...(week ? { week } : {}) }) : null), [me.data?.personId, shownStar, week])
  const canClose = grants.some((g) => g.role === 'taskforce' && g.star === shownStar)
  const [issues, setIssues] = useState('')
  const [nextSteps, setNextSteps] = useState('')
  const requestId = useRequestId()
  const closing = useAction(async (r: WeeklyReport) => {
    await callApi('report.close', { star: r.star, week: r.week, issues, nextSteps, requestId: requestId.current })
    requestId.renew()
    await report.reload()
  })
  const exporting = useAction(async () => {
    const file = await callApi('export.weekly', { star: shownStar, ...(week ? { week } : {}) })
    if (process.env.TARO_ENV === 'h5') window.open(file.url, '_blank')
    else await Taro.downloadFile({ url: file.url }).then((r) => Taro.openDocument({ filePath: r.tempFilePath, showMenu: true }))
  })
  const r = report.data
  return (
    <View className='wk-page'>
      {!ownStar && (
        <View className='wk-tabs'>
          {STARS.map((s) => (
            <Text key={s} className={`wk-tab wk-tab--${s}${s === shownStar ? ' wk-tab--active' : ''}`} onClick={() => setStar(s)}>{STAR_NAMES[s].replace('星', '')}</Text>
          ))}
        </View>
      )}
      <StateView ready={!!r} loading={report.loading || me.loading} error={report.error ?? me.error} onRetry={report.reload}>
        {r && (
          <>
            <View className='wk-nav'>
              <Text className='wk-nav__btn wk-prev' onClick={() => setWeeks([...weeks, r.previousWeek])}>‹ 上一周</Text>
              <Text className='wk-week'>{r.week}（{r.monday.slice(5)} 至 {r.sunday.slice(5)}）</Text>
              {weeks.length > 0 ? <Text className='wk-nav__btn wk-next' onClick={() => setWeeks(weeks.slice(0, -1))}>下一周 ›</Text> : <Text className='wk-muted'>本周</Text>}
            </View>
            <View className='wk-card wk-summary'>
              <Text className='wk-title'>{STAR_NAMES[r.star]}工作专班 · 本周进度</Text>
              <Text className='wk-muted'>{r.status === 'closed' ? `已于 ${r.closedAt?.slice(0, 10)} 由 ${r.closedByName ?? ''} 关闭，数据为关闭时的快照` : '根据台账、提升清单和创星申报自动生成；括号内为上周'}</Text>
              <View className='wk-totals'>
                {WEEKLY_FIGURE_COLUMNS.map(([k, name]) => (
                  <View key={k} className={`wk-fig wk-fig--${k}`}>
                    <Text className='wk-fig__n'>{r.totals.current[k]}</Text>
                    <Text className='wk-fig__last'>（{r.totals.previous[k]}）</Text>
                    <Text className='wk-fig__name'>{name}</Text>
                  </View>
                ))}
              </View>
              <Text className='wk-label'>月度未达标的村：<Text className='wk-behind'>{r.behindVillages.join('、') || '无'}</Text></Text>
            </View>
            <View className='wk-card'>
              <Text className='wk-title'>各村情况</Text>
              {r.rows.map((row) => (
                <View key={row.villageId} className={`wk-row wk-village-${row.villageId}`}>
                  <Text className='wk-row__name'>{row.villageName}</Text>
                  <Text className='wk-row__figs wk-row__current'>本周：{figs(row.current)}</Text>
                  <Text className='wk-row__figs wk-muted'>上周：{figs(row.previous)}</Text>
                </View>
              ))}
            </View>
            <View className='wk-card wk-meeting'>
              <Text className='wk-title'>专题会</Text>
              {r.status === 'closed' ? (
                <>
                  <Text className='wk-label'>存在问题</Text>
                  <Text className='wk-text wk-issues'>{r.issues}</Text>
                  <Text className='wk-label'>下周安排</Text>
                  <Text className='wk-text wk-next-steps'>{r.nextSteps}</Text>
                </>
              ) : canClose ? (
                <>
                  <Text className='wk-label'>存在问题</Text>
                  <Textarea className='wk-textarea wk-issues-input' value={issues} maxlength={2000} placeholder='研判本周存在的问题' onInput={(e) => setIssues(e.detail.value)} />
                  <Text className='wk-label'>下周安排</Text>
                  <Textarea className='wk-textarea wk-next-input' value={nextSteps} maxlength={2000} placeholder='明确下周工作安排' onInput={(e) => setNextSteps(e.detail.value)} />
                  <ActionButton className='btn wk-close' loading={closing.pending} onClick={() => closing.execute(r)}>关闭本周（关闭后不再变化）</ActionButton>
                  {closing.error && <Text className='wk-error'>{closing.error}</Text>}
                </>
              ) : (
                <Text className='wk-muted'>本周尚未召开专题会</Text>
              )}
            </View>
          </>
        )}
      </StateView>
      <View className='wk-actions'>
        <ActionButton className='btn btn--ghost wk-export' loading={exporting.pending} onClick={() => exporting.execute()}>导出 Excel</ActionButton>
        {exporting.error && <Text className='wk-error'>{exporting.error}</Text>}
      </View>
    </View>
  )
}

export default withElderMode(WeeklyReportPage)
