import { useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import type { ChecklistItem } from '../../../types/checklist'
import { STAR_NAMES } from '../../../types/roles'
import { StateView } from '../../components/StateView'
import { useAsync } from '../../hooks/useAsync'
import { useMe } from '../../hooks/useMe'
import { isCadreOf, isSecretaryOf, pickCadreVillage } from '../../lib/grants'
import { callApi } from '../../services/api'
import { decisionRequestId } from '../../lib/request-id'
import { errorMessage } from '../../services/errors'
import { checklistLabel } from '../lib/status'
import { openExport } from '../lib/download'
import { uploadWithRetry } from '../lib/upload'
import '../records.css'
import { withElderMode } from '../../components/ElderMode'

type Filter = 'all' | 'mine' | 'overdue' | 'awaiting' | 'open'
const FILTERS: Array<[Filter, string]> = [['all', '全部'], ['mine', '我本月到期'], ['overdue', '已逾期'], ['awaiting', '待验收'], ['open', '未开始']]

/** 提升清单: a village's items with filters, 销号 with evidence, and acceptance. `?villageId=`. */
function ChecklistPage() {
  const { params } = useRouter()
  const me = useMe()
  const villageId = params.villageId || pickCadreVillage(me.data, null)
  const [filter, setFilter] = useState<Filter>('all')
  const [notes, setNotes] = useState<Record<string, string>>({})
  const list = useAsync(async () => {
    if (!villageId) return null
    const extra = filter === 'mine' ? { mine: true } : filter === 'all' ? {} : { status: filter }
    return callApi('checklist.list', { villageId, limit: 50, ...extra })
  }, [villageId, filter])
  // Back from 新增 / 导入: show what was just added.
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current) void list.reload()
    shownBefore.current = true
  })
  const cadre = !!villageId && isCadreOf(me.data, villageId)
  const taskforceStar = me.data?.grants.find((g) => g.role === 'taskforce')?.star

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run()
      void Taro.showToast({ title: done, icon: 'success' })
      await list.reload()
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' })
    }
  }
  const close = (item: ChecklistItem) =>
    act(async () => {
      const picked = await Taro.chooseImage({ count: 3, sizeType: ['compressed'] })
      const photos = []
      for (const path of picked.tempFilePaths) photos.push(await uploadWithRetry(path, me.data?.personId ?? 'anonymous'))
      await callApi('checklist.close', { itemId: item.id, photos, note: notes[item.id] || '已完成', expectedVersion: item.version, requestId: decisionRequestId(item.id, item.version, 'close') })
    }, '已提交销号，待验收')
  const canReview = (item: ChecklistItem) => (item.star ? taskforceStar === item.star : isSecretaryOf(me.data, item.villageId))
  const exportList = () => act(async () => {
    const out = await callApi('export.checklist', { villageId: villageId! })
    await openExport(out.url, out.fileName)
  }, '已导出')

  return (
    <View className='records-page'>
      {cadre && (
        <View className='records-actions'>
          <Button className='btn btn--primary checklist-new' size='mini' onClick={() => void Taro.navigateTo({ url: `/records/checklist-new/index?villageId=${villageId}` })}>新增事项</Button>
          <Button className='btn btn--ghost checklist-import' size='mini' onClick={() => void Taro.navigateTo({ url: `/records/checklist-import/index?villageId=${villageId}` })}>从 Excel 导入</Button>
        </View>
      )}
      <View className='records-filters'>
        {FILTERS.map(([key, label]) => (
          <Text key={key} className={`records-filter checklist-filter ${filter === key ? 'records-filter--on' : ''}`} onClick={() => setFilter(key)}>{label}</Text>
        ))}
      </View>
      <StateView ready={!!list.data} loading={list.loading} error={list.error} onRetry={list.reload} empty={!villageId || list.data?.items.length === 0} emptyText='暂无清单事项'>
        {list.data?.items.map((item) => (
          <View key={item.id} className={`card checklist-item checklist-item--${item.status}`}>
            <View className='records-row'>
              <Text className='records-row__title'>{item.star ? STAR_NAMES[item.star] : '全村'} · {item.text}</Text>
              <Text className={`records-chip records-chip--${item.overdue ? 'overdue' : item.status}`}>{item.overdue ? '已逾期' : checklistLabel(item.status)}</Text>
            </View>
            <Text className='muted'>责任人：{item.unowned ? '待重新指定' : item.ownerName} · 完成时限 {item.dueMonth}</Text>
            {item.reviewComment && <Text className='muted'>验收意见：{item.reviewComment}</Text>}
            {cadre && (item.status === 'open' || item.status === 'in_progress') && (
              <View className='records-actions'>
                <Input className='records-input' placeholder='销号说明' value={notes[item.id] ?? ''} onInput={(e) => setNotes({ ...notes, [item.id]: e.detail.value })} />
                <Button className='btn btn--primary' size='mini' onClick={() => close(item)}>拍照销号</Button>
              </View>
            )}
            {item.status === 'awaiting' && canReview(item) && (
              <View className='records-actions'>
                <Input className='records-input' placeholder='不通过原因' value={notes[item.id] ?? ''} onInput={(e) => setNotes({ ...notes, [item.id]: e.detail.value })} />
                <Button className='btn btn--primary' size='mini' onClick={() => act(() => callApi('checklist.review', { itemId: item.id, decision: 'accept', requestId: decisionRequestId(item.id, item.version, 'accept') }), '已验收')}>验收通过</Button>
                <Button className='btn btn--ghost' size='mini' onClick={() => act(() => callApi('checklist.review', { itemId: item.id, decision: 'reject', comment: notes[item.id] || '证据不足', requestId: decisionRequestId(item.id, item.version, 'reject') }), '已退回')}>不通过</Button>
              </View>
            )}
          </View>
        ))}
        {villageId && <Button className='btn btn--ghost' onClick={exportList}>导出清单</Button>}
      </StateView>
    </View>
  )
}

export default withElderMode(ChecklistPage)
