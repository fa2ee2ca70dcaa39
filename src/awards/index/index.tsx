import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { Notice } from '../../../types/notice'
import type { Award } from '../../../types/award'
import { StateView } from '../../components/StateView'
import { withElderMode } from '../../components/ElderMode'
import { useAsync } from '../../hooks/useAsync'
import { useChosenVillage } from '../../hooks/useChosenVillage'
import { useMe } from '../../hooks/useMe'
import { useVillageName } from '../../hooks/useVillageName'
import { isCadreOf, isLeader, isSecretaryOf, pickCadreVillage } from '../../lib/grants'
import { weekInChina } from './week'
import { callApi } from '../../services/api'
import { NominateActions } from './NominateActions'
import { AwardCard } from './AwardCard'
import { FamilyForm } from './FamilyForm'
import './index.css'

/** The week's approved praise of the village (published, or approved for a later day of the week). */
async function weekPraise(villageId: string, week: { monday: string; sunday: string }): Promise<Notice[]> {
  const [published, approved] = await Promise.all(
    (['published', 'approved'] as const).map((status) => callApi('notice.listDrafts', { villageId, status, limit: 50 })),
  )
  return [...published.items, ...approved.items].filter((n) => {
    const day = n.boardDate ?? n.publishDate
    return n.kind === 'praise' && day >= week.monday && day <= week.sunday
  })
}

/** 评选表彰: 每周之星 and 优秀小组 from the week's praise, the year's 五好家庭, and the secretary's confirmation. */
function AwardsPage() {
  const me = useMe()
  const [chosen] = useChosenVillage()
  const preferred = chosen?.id ?? me.data?.villageId ?? null
  const villageId = pickCadreVillage(me.data, preferred) ?? (isLeader(me.data) ? preferred : null)
  const villageName = useVillageName(villageId)
  const [weeksBack, setWeeksBack] = useState(0)
  const [refreshKey, setRefreshKey] = useState(0)
  const week = weekInChina(weeksBack)
  const year = Number(weekInChina(0).sunday.slice(0, 4))
  const praise = useAsync(() => (villageId ? weekPraise(villageId, week) : Promise.resolve([])), [villageId, week.key, refreshKey])
  const awards = useAsync(
    () => (villageId ? callApi('award.list', { villageId, year, limit: 50 }) : Promise.resolve({ items: [] as Award[], nextCursor: null })),
    [villageId, year, refreshKey],
  )
  const refresh = () => setRefreshKey((k) => k + 1)
  const cadre = isCadreOf(me.data, villageId)
  const canConfirm = isSecretaryOf(me.data, villageId) || isLeader(me.data)

  if (me.data && !villageId) {
    return (
      <View className='awards-page'>
        <Text className='cadre-refused__text'>仅村干部、书记和镇领导可用</Text>
      </View>
    )
  }
  return (
    <View className='awards-page'>
      <StateView ready={!!me.data} loading={me.loading} error={me.error} onRetry={me.reload}>
        {villageName && <Text className='awards-village'>{villageName}</Text>}
        <View className='card'>
          <Text className='card__title'>每周评选 · {week.key}</Text>
          <View className='awards-tabs'>
            {[0, 1].map((n) => (
              <Text key={n} className={`awards-tab awards-tab--${n}${weeksBack === n ? ' awards-tab--active' : ''}`} onClick={() => setWeeksBack(n)}>
                {n === 0 ? '本周' : '上周'}
              </Text>
            ))}
          </View>
          <Text className='muted'>从本周审核通过的表扬中提名每周之星或优秀小组，书记确认后次日登上表扬曝光台，并写入广播稿。</Text>
        </View>
        <StateView ready={!!praise.data} loading={praise.loading} error={praise.error} onRetry={praise.reload} empty={praise.data?.length === 0} emptyText='这一周还没有审核通过的表扬'>
          {praise.data?.map((n) => (
            <View key={n.id} className='card award-source' data-notice-id={n.id}>
              <Text className='award-source__subject'>
                {n.subject.name}
                {n.subject.householdNo ? `（${n.subject.householdNo}）` : ''} · {n.category}
              </Text>
              <Text className='award-source__text'>{n.text}</Text>
              {cadre && <NominateActions notice={n} week={week.key} onDone={refresh} />}
            </View>
          ))}
        </StateView>
        <Text className='awards-heading'>{year}年评选记录</Text>
        <StateView ready={!!awards.data} loading={awards.loading} error={awards.error} onRetry={awards.reload} empty={awards.data?.items.length === 0} emptyText='今年还没有评选记录'>
          <View className='award-list'>
            {awards.data?.items.map((a) => <AwardCard key={a.id} award={a} canConfirm={canConfirm} onDone={refresh} />)}
          </View>
        </StateView>
        {cadre && villageId && <FamilyForm villageId={villageId} year={year} onDone={refresh} />}
      </StateView>
    </View>
  )
}

export default withElderMode(AwardsPage)
