import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { StateView } from '../../components/StateView'
import { useAsync } from '../../hooks/useAsync'
import { useMe } from '../../hooks/useMe'
import { isCadreOf, pickCadreVillage } from '../../lib/grants'
import { callApi } from '../../services/api'
import { errorMessage } from '../../services/errors'
import { STAR_NAMES } from '../../../types/roles'
import { chinaMonthNow, complianceLabel, ledgerLabel } from '../lib/status'
import { openExport } from '../lib/download'
import '../records.css'
import { withElderMode } from '../../components/ElderMode'

/** 村级台账: the month's compliance at a glance, the township's focus, and the village's entries. `?villageId=` for 调阅. */
function LedgerPage() {
  const { params } = useRouter()
  const me = useMe()
  const villageId = params.villageId || pickCadreVillage(me.data, null)
  const month = params.month || chinaMonthNow()
  const data = useAsync(async () => {
    if (!villageId) return null
    const [compliance, entries] = await Promise.all([
      callApi('compliance.get', { villageId, month }),
      callApi('ledger.list', { villageId, limit: 30 }),
    ])
    return { compliance, entries }
  }, [villageId, month])
  useDidShow(() => void data.reload())
  const canRecord = !!villageId && isCadreOf(me.data, villageId)

  const exportMonth = async () => {
    if (!villageId) return
    try {
      const out = await callApi('export.ledger', { villageId, from: `${month.slice(0, 4)}-01`, to: month })
      await openExport(out.url, out.fileName)
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' })
    }
  }

  return (
    <View className='records-page'>
      <StateView ready={!!data.data} loading={data.loading || me.loading} error={data.error} onRetry={data.reload} empty={!villageId} emptyText='请选择村庄（仅村干部、专班、镇领导可查看台账）'>
        {data.data && (
          <>
            {data.data.compliance.focus && (
              <View className='card records-focus'>
                <Text className='card__title'>本月工作区</Text>
                <Text>{data.data.compliance.focus}</Text>
              </View>
            )}
            <View className='card'>
              <Text className='card__title'>{month} 台账完成情况</Text>
              <Text className='muted records-counts'>
                已完成 {data.data.compliance.counts.done} · 待核实 {data.data.compliance.counts.pending} · 未完成 {data.data.compliance.counts.missing} · 已逾期 {data.data.compliance.counts.overdue}
              </Text>
              {data.data.compliance.items.map((item) => (
                <View key={item.criterionId} className={`records-row compliance-item compliance-item--${item.status}`} data-criterion={item.criterionId}>
                  <Text className='records-row__title'>{STAR_NAMES[item.star]} · {item.title}</Text>
                  <Text className={`records-chip records-chip--${item.status}`}>{complianceLabel(item.status)}</Text>
                </View>
              ))}
            </View>
            <View className='records-actions'>
              {canRecord && (
                <Button className='btn btn--primary records-new' onClick={() => Taro.navigateTo({ url: `/records/entry/index?villageId=${villageId}` })}>
                  登记台账
                </Button>
              )}
              <Button className='btn btn--ghost' onClick={exportMonth}>导出本年台账</Button>
            </View>
            <View className='card'>
              <Text className='card__title'>最近台账</Text>
              {data.data.entries.items.length === 0 && <Text className='muted'>暂无台账</Text>}
              {data.data.entries.items.map((e) => (
                <View
                  key={e.id}
                  className={`records-row ledger-entry ledger-entry--${e.status}`}
                  onClick={() => canRecord && e.status === 'returned' && Taro.navigateTo({ url: `/records/entry/index?villageId=${e.villageId}&entryId=${e.id}` })}
                >
                  <View className='records-row__main'>
                    <Text className='records-row__title'>{e.date} {e.otherName ?? e.activityType}</Text>
                    {e.reviewComment && <Text className='muted'>意见：{e.reviewComment}</Text>}
                  </View>
                  <Text className={`records-chip records-chip--${e.status}`}>{ledgerLabel(e.status)}{e.status === 'returned' && canRecord ? ' ›' : ''}</Text>
                </View>
              ))}
            </View>
          </>
        )}
      </StateView>
    </View>
  )
}

export default withElderMode(LedgerPage)
