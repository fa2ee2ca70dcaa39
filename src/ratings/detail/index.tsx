import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { STAR_NAMES } from '../../../types/roles'
import { APPLICATION_STATUS_NAMES, type Application, type AssessmentRow } from '../../../types/application'
import { COMPLIANCE_STATUS_NAMES } from '../../../types/ledger'
import { callApi } from '../../services/api'
import { askToSubscribe } from '../../services/subscribe'
import { useAsync } from '../../hooks/useAsync'
import { useAction } from '../../hooks/useAction'
import { useMe } from '../../hooks/useMe'
import { isCadreOf, isSecretaryOf } from '../../lib/grants'
import { formatInstant } from '../../lib/day'
import { decisionRequestId, useRequestId } from '../../lib/request-id'
import { StateView } from '../../components/StateView'
import { ActionButton } from '../../components/ActionButton'
import { ACTION_NAMES } from '../lib'
import { EvidencePicker } from './EvidencePicker'
import { EvidenceChips } from './EvidenceChips'
import { useEvidence } from './useEvidence'
import '../ratings.css'
import { withElderMode } from '../../components/ElderMode'

/** 申报详情: the self-assessment, the buttons the caller's role allows in its state, and the timeline. */
function DetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const me = useMe()
  const data = useAsync(async () => {
    const [app, timeline] = await Promise.all([
      callApi('application.get', { applicationId: id }),
      callApi('audit.list', { entity: 'application', entityId: id, limit: 50 }),
    ])
    return { app, timeline: timeline.items }
  }, [id])
  // The loaded application with the evidence picked since it loaded (保存 sends what the rows show).
  const evidence = useEvidence(data.data?.app)
  const app = evidence.app
  const [picking, setPicking] = useState<AssessmentRow | null>(null)
  // One id per 保存 (renewed once it lands): a tap again after a lost answer does not save twice.
  const saveRequest = useRequestId()
  // Comments as typed since this version loaded (the text areas are uncontrolled: Taro's H5 textarea
  // throws if its value is set before it has rendered, so nothing is pushed into them after mount).
  const [typed, setTyped] = useState<{ version: number; comments: Record<string, string>; opinion: string }>({ version: 0, comments: {}, opinion: '' })
  const current = app && typed.version === app.version ? typed : { version: app?.version ?? 0, comments: {}, opinion: '' }
  const comments: Record<string, string> = { ...Object.fromEntries((app?.rows ?? []).map((r) => [r.criterionId, r.comment])), ...current.comments }
  const opinion = current.opinion
  const setComments = (c: Record<string, string>) => setTyped({ ...current, comments: c })
  const setOpinion = (o: string) => setTyped({ ...current, opinion: o })

  const act = useAction(async (run: () => Promise<Application>) => {
    await run()
    await data.reload()
  })
  const m = me.data
  const grants = m?.grants ?? []
  const editable = !!app && (app.status === 'draft' || app.status === 'returned') && isCadreOf(m, app.villageId)
  const canSubmit = !!app && (app.status === 'draft' || app.status === 'returned') && isSecretaryOf(m, app.villageId)
  const canReview = !!app && app.status === 'submitted' && grants.some((g) => g.role === 'taskforce' && g.star === app.star)
  const isLeader = grants.some((g) => g.role === 'leader')
  const v = app?.version
  return (
    <View className='rt-page'>
      <StateView ready={!!app} loading={data.loading} error={data.error} onRetry={data.reload}>
        {app && data.data && (
          <>
            <View className='rt-card'>
              <Text className='rt-title'>{STAR_NAMES[app.star]} · {app.year} 年</Text>
              <Text className={`rt-status rt-status--${app.status}`}>状态：{APPLICATION_STATUS_NAMES[app.status]}</Text>
              {app.lastComment && <Text className='rt-muted' style={{ display: 'block' }}>最新意见：{app.lastComment}</Text>}
            </View>
            <View className='rt-card'>
              <Text className='rt-title'>自评（逐条标准）</Text>
              {app.rows.map((row) => (
                <View key={row.criterionId} className='rt-row rt-assess-row' data-criterion={row.criterionId} style={{ display: 'block' }}>
                  <Text style={{ display: 'block', fontWeight: 'bold' }}>{row.title}</Text>
                  {row.months.length > 0 && (
                    <Text className='rt-muted' style={{ display: 'block' }}>
                      {row.months.map((mo) => `${Number(mo.month.slice(5))}月${COMPLIANCE_STATUS_NAMES[mo.status]}`).join('，')}
                    </Text>
                  )}
                  {row.ledgerIds.length + row.checklistIds.length > 0 && <Text className='rt-muted' style={{ display: 'block' }}>佐证：台账 {row.ledgerIds.length} 条，清单 {row.checklistIds.length} 项</Text>}
                  <EvidenceChips row={row} labels={evidence.labels} onRemove={editable ? (next) => evidence.setRow(row.criterionId, next) : undefined} onPick={editable ? () => setPicking(row) : undefined} />
                  {editable ? (
                    <Textarea key={`${row.criterionId}-${app.version}`} className='rt-textarea rt-row-comment' defaultValue={row.comment} maxlength={300} placeholder='本条说明'
                      onInput={(e) => setComments({ ...current.comments, [row.criterionId]: e.detail.value })} />
                  ) : (
                    row.comment && <Text style={{ display: 'block' }}>说明：{row.comment}</Text>
                  )}
                  {row.reviewComment && <Text className='rt-error'>专班意见：{row.reviewComment}</Text>}
                </View>
              ))}
              {editable && (
                <ActionButton className='btn btn--ghost rt-save' loading={act.pending} onClick={() => act.execute(async () => {
                  const saved = await callApi('application.update', {
                  applicationId: app.id, expectedVersion: v, requestId: saveRequest.current,
                  rows: app.rows.map((r) => ({ criterionId: r.criterionId, ledgerIds: r.ledgerIds, checklistIds: r.checklistIds, comment: comments[r.criterionId] ?? '' })),
                  })
                  // Saved: the next 保存 is a new edit. A failed one keeps its id, so tapping again lands once.
                  saveRequest.renew()
                  return saved
                })}>保存</ActionButton>
              )}
            </View>
            {(canSubmit || canReview || (isLeader && (app.status === 'recommended' || app.status === 'approved'))) && (
              <View className='rt-card'>
                {!canSubmit && <Textarea key={`opinion-${app.version}`} className='rt-textarea rt-opinion' maxlength={300} placeholder={app.status === 'approved' ? '摘星原因' : '意见'} onInput={(e) => setOpinion(e.detail.value)} />}
                <View className='rt-actions'>
                  {canSubmit && <ActionButton className='btn btn--primary rt-submit' loading={act.pending} onClick={() => { void askToSubscribe(['result']); void act.execute(() => callApi('application.submit', { applicationId: app.id, expectedVersion: v, requestId: decisionRequestId(app.id, v, 'submit') })) }}>提交申报</ActionButton>}
                  {canReview && <ActionButton className='btn btn--ghost rt-return' loading={act.pending} onClick={() => { void askToSubscribe(['review']); void act.execute(() => callApi('application.review', { applicationId: app.id, decision: 'return', comment: opinion, expectedVersion: v, requestId: decisionRequestId(app.id, v, 'return') })) }}>退回</ActionButton>}
                  {canReview && <ActionButton className='btn btn--primary rt-recommend' loading={act.pending} onClick={() => { void askToSubscribe(['review']); void act.execute(() => callApi('application.review', { applicationId: app.id, decision: 'recommend', comment: opinion, expectedVersion: v, requestId: decisionRequestId(app.id, v, 'recommend') })) }}>推荐</ActionButton>}
                  {isLeader && app.status === 'recommended' && <ActionButton className='btn btn--ghost rt-reject' loading={act.pending} onClick={() => act.execute(() => callApi('application.decide', { applicationId: app.id, decision: 'reject', comment: opinion, expectedVersion: v, requestId: decisionRequestId(app.id, v, 'reject') }))}>不通过</ActionButton>}
                  {isLeader && app.status === 'recommended' && <ActionButton className='btn btn--primary rt-approve' loading={act.pending} onClick={() => act.execute(() => callApi('application.decide', { applicationId: app.id, decision: 'approve', comment: opinion, expectedVersion: v, requestId: decisionRequestId(app.id, v, 'approve') }))}>通过授星</ActionButton>}
                  {isLeader && app.status === 'approved' && <ActionButton className='btn btn--ghost rt-revoke' loading={act.pending} onClick={() => act.execute(() => callApi('application.revoke', { applicationId: app.id, reason: opinion, expectedVersion: v, requestId: decisionRequestId(app.id, v, 'revoke') }))}>摘星</ActionButton>}
                </View>
              </View>
            )}
            {act.error && <Text className='rt-error' style={{ padding: '0 24px' }}>{act.error}</Text>}
            {picking && (
              <EvidencePicker villageId={app.villageId} star={app.star} criterionId={picking.criterionId} title={picking.title}
                chosen={{ ledgerIds: picking.ledgerIds, checklistIds: picking.checklistIds }}
                onCancel={() => setPicking(null)}
                onDone={(chosen, labels) => { evidence.setRow(picking.criterionId, chosen, labels); setPicking(null) }} />
            )}
            <View className='rt-card rt-timeline'>
              <Text className='rt-title'>办理过程</Text>
              {data.data.timeline.map((s) => (
                <View key={s.id} className='rt-step'>
                  <Text style={{ display: 'block' }}>{ACTION_NAMES[s.action] ?? s.action} · {s.actorName}</Text>
                  <Text className='rt-muted' style={{ display: 'block' }}>{formatInstant(s.at)}{s.status ? ` · ${APPLICATION_STATUS_NAMES[s.status as Application['status']] ?? s.status}` : ''}</Text>
                  {s.comment && <Text style={{ display: 'block' }}>意见：{s.comment}</Text>}
                </View>
              ))}
            </View>
          </>
        )}
      </StateView>
    </View>
  )
}

export default withElderMode(DetailPage)
