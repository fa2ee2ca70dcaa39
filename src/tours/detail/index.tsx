import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { decisionRequestId } from '../../lib/request-id'
import { Input, Text, View } from '@tarojs/components'
import { STAR_NAMES } from '../../../types/labels'
import { callApi } from '../../services/api'
import { useAsync } from '../../hooks/useAsync'
import { useAction } from '../../hooks/useAction'
import { useMe } from '../../hooks/useMe'
import { isLeader } from '../../lib/grants'
import { useRequestId } from '../../lib/request-id'
import { todayInChina } from '../../lib/day'
import { StateView } from '../../components/StateView'
import { ActionButton } from '../../components/ActionButton'
import { withElderMode } from '../../components/ElderMode'
import { STATUS_NAMES, openExport, type TourStopView, type TourView } from '../lib'
import '../tours.css'

/** What each star cell shows in 资料查阅 (as the dashboard's legend). */
const CELL_SYMBOLS: Record<string, string> = { approved: '★', revoked: '✕', recommended: '◎', reviewing: '…', returned: '↩', none: '—' }

const nextMonth = () => {
  const [y, m] = todayInChina().slice(0, 7).split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** 差距清单: a comment becomes a checklist item of the host village (owner, due month) in one step. */
function GapForm({ tourId, sheetId, villageId, onDone }: { tourId: string; sheetId: string; villageId: string; onDone: () => void }) {
  const owners = useAsync(async () => {
    const res = await callApi('role.list', { villageId, limit: 50 })
    return res.items.filter((h) => h.grants.some((g) => (g.role === 'cadre' || g.role === 'secretary') && 'villageId' in g && g.villageId === villageId))
  }, [villageId])
  const [ownerRef, setOwnerRef] = useState('')
  const [dueMonth, setDueMonth] = useState(nextMonth())
  const requestId = useRequestId()
  const save = useAction(async () => {
    if (!ownerRef) throw new Error('请选择责任人')
    await callApi('tour.toChecklist', { tourId, sheetId, ownerRef, dueMonth, requestId: requestId.current })
    requestId.renew()
    void Taro.showToast({ title: '已加入提升清单', icon: 'success' })
    onDone()
  })
  return (
    <View className='tr-gap'>
      <StateView ready={!!owners.data} loading={owners.loading} error={owners.error} onRetry={owners.reload} empty={owners.data?.length === 0} emptyText='该村暂无村干部可指定'>
        <Text className='tr-muted'>责任人</Text>
        <View className='tr-chips'>
          {(owners.data ?? []).map((h) => (
            <Text key={h.ref} className={`tr-chip tr-gap-owner${ownerRef === h.ref ? ' tr-chip--on' : ''}`} onClick={() => setOwnerRef(h.ref)}>{h.name}</Text>
          ))}
        </View>
        <Text className='tr-muted'>完成时限（YYYY-MM）</Text>
        <Input className='tr-input tr-gap-due' value={dueMonth} maxlength={7} onInput={(e) => setDueMonth(e.detail.value)} />
        {save.error && <Text className='tr-error'>{save.error}</Text>}
        <ActionButton className='btn btn--primary tr-gap-submit' size='mini' loading={save.pending} onClick={() => save.execute()}>加入提升清单</ActionButton>
      </StateView>
    </View>
  )
}

function Stop({ tour, stop, leader, onChanged }: { tour: TourView; stop: TourStopView; leader: boolean; onChanged: () => void }) {
  const [gapFor, setGapFor] = useState<string | null>(null)
  const closing = useAction(async () => {
    await callApi('tour.close', { tourId: tour.id, villageId: stop.villageId, expectedVersion: tour.version, requestId: decisionRequestId(tour.id, tour.version, stop.villageId) })
    onChanged()
  })
  const ev = stop.evidence
  const closed = stop.status === 'closed'
  const open = (url: string) => void Taro.navigateTo({ url })
  return (
    <View className={`tr-card tr-stop tr-stop-${stop.villageId}`}>
      <View className='tr-row'>
        <Text className='tr-title'>{stop.villageName}</Text>
        <Text className={`tr-badge${closed ? ' tr-badge--closed' : ''}`}>{STATUS_NAMES[stop.status]}</Text>
      </View>
      <Text className='tr-line'>资料查阅 · {ev.year} 年星级 {ev.level} 星：{ev.stars.map((s) => `${CELL_SYMBOLS[s.state] ?? '—'}${STAR_NAMES[s.star]}`).join(' ')}</Text>
      <Text className='tr-line'>台账达标：{ev.months.map((m) => `${m.month.slice(5)}月 ${m.done}/${m.done + m.pending + m.missing + m.overdue}`).join('，')}</Text>
      <Text className='tr-line'>提升清单：完成 {ev.checklist.done}/{ev.checklist.total}，逾期 {ev.checklist.overdue}</Text>
      <View className='tr-actions'>
        <Text className='tr-muted tr-link-ledger' onClick={() => open(`/records/ledger/index?villageId=${stop.villageId}`)}>查看台账 ›</Text>
        <Text className='tr-muted tr-link-checklist' onClick={() => open(`/records/checklist/index?villageId=${stop.villageId}`)}>查看清单 ›</Text>
      </View>
      {!closed && <Text className='tr-line tr-sheets'>已有 {stop.sheets} 人评分{stop.mine ? `，我的评分 ${stop.mine.total} 分` : ''}</Text>}
      {!closed && !stop.canScore && tour.status === 'open' && (stop.mine === null) && <Text className='tr-muted tr-own'>本村或无评分资格，不参与评分</Text>}
      <View className='tr-actions'>
        {stop.canScore && (
          <ActionButton className={`btn btn--primary tr-score tr-score-${stop.villageId}`} size='mini' onClick={() => open(`/tours/score/index?tourId=${tour.id}&villageId=${stop.villageId}`)}>
            {stop.mine ? '修改评分' : '去评分'}
          </ActionButton>
        )}
        {leader && !closed && (
          <ActionButton className={`btn btn--ghost tr-close-stop tr-close-stop-${stop.villageId}`} size='mini' loading={closing.pending} onClick={() => closing.execute()}>结束本站评分</ActionButton>
        )}
      </View>
      {closing.error && <Text className='tr-error'>{closing.error}</Text>}
      {stop.result && (
        <Text className='tr-line tr-result'>{stop.result.scorers === 0 ? '本站无人评分，不参与排名' : `平均 ${stop.result.mean} 分 · 最高 ${stop.result.max} · 最低 ${stop.result.min} · 极差 ${stop.result.spread} · ${stop.result.scorers} 人评分`}</Text>
      )}
      {(stop.comments ?? []).map((c) => (
        <View key={c.id} className='tr-comment'>
          <Text className='tr-line'>{c.scorerName}（{c.total} 分）：{c.comment}</Text>
          {c.checklistItemId ? (
            <Text className='tr-muted tr-gap-done'>已加入提升清单</Text>
          ) : leader ? (
            gapFor === c.id ? (
              <GapForm tourId={tour.id} sheetId={c.id} villageId={stop.villageId} onDone={() => { setGapFor(null); onChanged() }} />
            ) : (
              <Text className='tr-muted tr-gap-open' onClick={() => setGapFor(c.id)}>转为提升清单 ›</Text>
            )
          ) : null}
        </View>
      ))}
    </View>
  )
}

/** 观摩详情: the route's stops with 资料查阅, scoring, closing, and once closed the ranking and 差距清单. */
function TourDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const me = useMe()
  const leader = isLeader(me.data)
  const tour = useAsync(() => callApi('tour.get', { tourId: id }), [id, me.data?.personId])
  // Back from the score page: show the new sheet.
  useDidShow(() => { if (tour.data) void tour.reload() })
  const closing = useAction(async () => {
    if (!tour.data) return
    await callApi('tour.close', { tourId: id, expectedVersion: tour.data.version, requestId: decisionRequestId(id, tour.data.version, 'close') })
    await tour.reload()
  })
  const exporting = useAction(async () => openExport((await callApi('export.tour', { tourId: id })).url))
  const reload = () => void tour.reload()
  return (
    <View className='tr-page'>
      <StateView ready={!!tour.data} loading={tour.loading} error={tour.error ?? me.error} onRetry={tour.reload}>
        {tour.data && (
          <>
            <View className='tr-card'>
              <Text className='tr-title'>{tour.data.title}</Text>
              <Text className='tr-line'>{tour.data.date} · {STATUS_NAMES[tour.data.status]} · 评分表：{tour.data.criteria.map((c) => `${c.name}${c.max}`).join('、')}</Text>
              <View className='tr-actions'>
                {leader && tour.data.status === 'open' && (
                  <ActionButton className='btn btn--primary tr-close-tour' size='mini' loading={closing.pending} onClick={() => closing.execute()}>结束观摩并排名</ActionButton>
                )}
                {leader && <ActionButton className='btn btn--ghost tr-export' size='mini' loading={exporting.pending} onClick={() => exporting.execute()}>导出 Excel</ActionButton>}
              </View>
              {(closing.error || exporting.error) && <Text className='tr-error'>{closing.error ?? exporting.error}</Text>}
            </View>
            {tour.data.ranking && (
              <View className='tr-card tr-ranking'>
                <Text className='tr-title'>观摩排名</Text>
                {tour.data.ranking.map((r) => (
                  <View key={r.villageId} className={`tr-rank tr-rank-${r.villageId}`}>
                    <Text>{r.rank}. {r.villageName}</Text>
                    <Text className='tr-muted'>均分 {r.mean} · 极差 {r.spread} · {r.scorers} 人</Text>
                  </View>
                ))}
              </View>
            )}
            {tour.data.stops.map((stop) => (
              <Stop key={stop.villageId} tour={tour.data!} stop={stop} leader={leader} onChanged={reload} />
            ))}
          </>
        )}
      </StateView>
    </View>
  )
}

export default withElderMode(TourDetailPage)
