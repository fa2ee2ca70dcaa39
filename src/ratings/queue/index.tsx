import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { STAR_NAMES } from '../../../types/roles'
import type { ApplicationStatus } from '../../../types/application'
import { callApi } from '../../services/api'
import { useAsync } from '../../hooks/useAsync'
import { useMe } from '../../hooks/useMe'
import { StateView } from '../../components/StateView'
import '../ratings.css'
import { currentYear } from '../lib'
import { withElderMode } from '../../components/ElderMode'

/** 待办申报: the task force's queue of its star (待初审), a leader's (已推荐 to decide, 已授星 to revoke if need be). */
function QueuePage() {
  const me = useMe()
  const grants = me.data?.grants ?? []
  const star = grants.find((g) => g.role === 'taskforce')?.star
  const isLeader = grants.some((g) => g.role === 'leader')
  const tabs: Array<{ status: ApplicationStatus; text: string }> = isLeader
    ? [{ status: 'recommended', text: '待审定' }, { status: 'approved', text: '已授星' }]
    : [{ status: 'submitted', text: '待初审' }, { status: 'returned', text: '已退回' }]
  const [tab, setTab] = useState(0)
  const status = tabs[tab].status
  const list = useAsync(async () => {
    if (!me.data) return null
    const names = await callApi('village.list', { limit: 50 })
    const page = await callApi('application.list', { status, ...(isLeader ? {} : star ? { star } : {}), limit: 50 })
    // A leader's own contact villages (联系村) first; the order within each part stays the list's.
    const mine = isLeader ? new Set((await callApi('contact.list', { year: currentYear() })).items.filter((c) => c.mine).map((c) => c.villageId)) : new Set<string>()
    const items = [...page.items].sort((a, b) => Number(mine.has(b.villageId)) - Number(mine.has(a.villageId)))
    return { items, names: Object.fromEntries(names.items.map((v) => [v.id, v.name])) }
  }, [me.data?.personId, status])
  return (
    <View className='rt-page'>
      <View className='rt-tabs'>
        {tabs.map((t, i) => (
          <Text key={t.status} className={`rt-tab rt-tab--${t.status}${i === tab ? ' rt-tab--active' : ''}`} onClick={() => setTab(i)}>{t.text}</Text>
        ))}
      </View>
      <StateView ready={!!list.data} loading={list.loading || me.loading} error={list.error ?? me.error} onRetry={list.reload} empty={list.data?.items.length === 0} emptyText='暂无申报'>
        {list.data && (
          <View className='rt-card'>
            {list.data.items.map((a) => (
              <View key={a.id} className='rt-row rt-queue-item' onClick={() => Taro.navigateTo({ url: `/ratings/detail/index?id=${a.id}` })}>
                <Text>{list.data!.names[a.villageId] ?? a.villageId} · {STAR_NAMES[a.star]}</Text>
                <Text className='rt-muted'>{a.year} ›</Text>
              </View>
            ))}
          </View>
        )}
      </StateView>
    </View>
  )
}

export default withElderMode(QueuePage)
