import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { MAX_EVIDENCE_PER_ROW } from '../../../types/application'
import { CHECKLIST_STATUS_NAMES } from '../../../types/checklist'
import { LEDGER_STATUS_NAMES } from '../../../types/ledger'
import type { Star } from '../../../types/roles'
import { usePagedList } from '../../hooks/usePagedList'
import { callApi } from '../../services/api'

export type RowEvidence = { ledgerIds: string[]; checklistIds: string[] }
/** id → what to show for it ("2026-11-20 防电诈教育", a checklist item's text). */
export type EvidenceLabels = Record<string, string>

type Props = {
  villageId: string
  star: Star
  criterionId: string
  title: string
  chosen: RowEvidence
  onDone: (chosen: RowEvidence, labels: EvidenceLabels) => void
  onCancel: () => void
}

const PAGE = 10

/**
 * 关联佐证: the village's ledger entries and checklist items of the application's star, a page at a
 * time, to tick for one self-assessment row (at most MAX_EVIDENCE_PER_ROW of each). Entries recorded
 * for this very criterion are marked 本条标准.
 */
export function EvidencePicker({ villageId, star, criterionId, title, chosen, onDone, onCancel }: Props) {
  const [tab, setTab] = useState<'ledger' | 'checklist'>('ledger')
  const [ledgerIds, setLedgerIds] = useState(chosen.ledgerIds)
  const [checklistIds, setChecklistIds] = useState(chosen.checklistIds)
  const [labels, setLabels] = useState<EvidenceLabels>({})
  const [limitHit, setLimitHit] = useState(false)
  const ledger = usePagedList((cursor) => callApi('ledger.list', { villageId, star, limit: PAGE, ...(cursor ? { cursor } : {}) }), [villageId, star])
  const checklist = usePagedList((cursor) => callApi('checklist.list', { villageId, star, limit: PAGE, ...(cursor ? { cursor } : {}) }), [villageId, star])

  const toggle = (ids: string[], set: (ids: string[]) => void, id: string, label: string) => {
    setLimitHit(false)
    if (ids.includes(id)) return set(ids.filter((x) => x !== id))
    if (ids.length >= MAX_EVIDENCE_PER_ROW) return setLimitHit(true)
    set([...ids, id])
    setLabels((l) => ({ ...l, [id]: label }))
  }
  const list = tab === 'ledger' ? ledger : checklist

  return (
    <View className='ev-mask'>
      <View className='ev-sheet'>
        <Text className='rt-title'>关联佐证 · {title}</Text>
        <View className='rt-tabs'>
          <Text className={`rt-tab ev-tab-ledger ${tab === 'ledger' ? 'rt-tab--active' : ''}`} onClick={() => setTab('ledger')}>台账（已选 {ledgerIds.length}）</Text>
          <Text className={`rt-tab ev-tab-checklist ${tab === 'checklist' ? 'rt-tab--active' : ''}`} onClick={() => setTab('checklist')}>提升清单（已选 {checklistIds.length}）</Text>
        </View>
        <View className='ev-list'>
          {tab === 'ledger' &&
            ledger.items.map((e) => {
              const label = `${e.date} ${e.otherName ?? e.activityType}`
              const on = ledgerIds.includes(e.id)
              return (
                <View key={e.id} className={`ev-item ev-ledger ${on ? 'ev-item--on' : ''}`} data-id={e.id} onClick={() => toggle(ledgerIds, setLedgerIds, e.id, label)}>
                  <Text className='ev-check'>{on ? '☑' : '☐'}</Text>
                  <View className='ev-item__main'>
                    <Text>{label}</Text>
                    <Text className='rt-muted'>{LEDGER_STATUS_NAMES[e.status]} · {e.summary.slice(0, 30)}</Text>
                  </View>
                  {e.criterionId === criterionId && <Text className='ev-match'>本条标准</Text>}
                </View>
              )
            })}
          {tab === 'checklist' &&
            checklist.items.map((c) => {
              const on = checklistIds.includes(c.id)
              return (
                <View key={c.id} className={`ev-item ev-checklist ${on ? 'ev-item--on' : ''}`} data-id={c.id} onClick={() => toggle(checklistIds, setChecklistIds, c.id, c.text)}>
                  <Text className='ev-check'>{on ? '☑' : '☐'}</Text>
                  <View className='ev-item__main'>
                    <Text>{c.text}</Text>
                    <Text className='rt-muted'>{CHECKLIST_STATUS_NAMES[c.status]} · {c.ownerName} · {c.dueMonth}</Text>
                  </View>
                  {c.criterionId === criterionId && <Text className='ev-match'>本条标准</Text>}
                </View>
              )
            })}
          {list.loading && <Text className='rt-muted ev-note'>加载中…</Text>}
          {!list.loading && list.items.length === 0 && !list.error && <Text className='rt-muted ev-note'>{tab === 'ledger' ? '本村暂无该星级的台账' : '本村暂无该星级的清单事项'}</Text>}
          {list.error && <Text className='rt-error'>{list.error}</Text>}
          {list.hasMore && (
            <Button className='btn btn--ghost ev-more' size='mini' loading={list.loadingMore || undefined} onClick={() => void list.loadMore()}>加载更多</Button>
          )}
        </View>
        {limitHit && <Text className='rt-error'>每条标准最多关联 {MAX_EVIDENCE_PER_ROW} 条台账和 {MAX_EVIDENCE_PER_ROW} 项清单</Text>}
        <View className='rt-actions'>
          <Button className='btn btn--ghost ev-cancel' size='mini' onClick={onCancel}>取消</Button>
          <Button className='btn btn--primary ev-done' size='mini' onClick={() => onDone({ ledgerIds, checklistIds }, labels)}>确定</Button>
        </View>
      </View>
    </View>
  )
}
