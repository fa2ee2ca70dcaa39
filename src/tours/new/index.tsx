import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { callApi } from '../../services/api'
import { errorMessage } from '../../services/errors'
import { useAsync } from '../../hooks/useAsync'
import { useRequestId } from '../../lib/request-id'
import { todayInChina } from '../../lib/day'
import { StateView } from '../../components/StateView'
import { ActionButton } from '../../components/ActionButton'
import { withElderMode } from '../../components/ElderMode'
import { currentQuarter } from '../lib'
import '../tours.css'

// The default sheet as core/tour-rules.ts has it (repeated here: pages import no server code).
const DEFAULT_CRITERIA = [
  { name: '支部建设', max: 20 }, { name: '产业发展', max: 20 }, { name: '生态宜居', max: 20 }, { name: '平安法治', max: 20 }, { name: '文明幸福', max: 20 },
]

/** 新建观摩: quarter, date, the route (villages in the order tapped) and the scoring sheet. */
function TourNewPage() {
  const villages = useAsync(() => callApi('village.list', { limit: 50 }), [])
  const [quarter, setQuarter] = useState(currentQuarter())
  const [date, setDate] = useState(todayInChina())
  const [route, setRoute] = useState<string[]>([])
  const [criteria, setCriteria] = useState(DEFAULT_CRITERIA.map((c) => ({ name: c.name, max: String(c.max) })))
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const requestId = useRequestId()

  const toggle = (id: string) => setRoute((r) => (r.includes(id) ? r.filter((x) => x !== id) : [...r, id]))
  const setCriterion = (i: number, field: 'name' | 'max', value: string) => setCriteria((cs) => cs.map((c, k) => (k === i ? { ...c, [field]: value } : c)))

  const submit = async () => {
    if (sending) return
    if (route.length === 0) return setError('请至少选择 1 个观摩村')
    setError(null)
    setSending(true)
    try {
      const tour = await callApi('tour.create', { quarter, date, route, criteria: criteria.map((c) => ({ name: c.name, max: Number(c.max) })), requestId: requestId.current })
      requestId.renew()
      void Taro.redirectTo({ url: `/tours/detail/index?id=${tour.id}` })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='tr-page'>
      <StateView ready={!!villages.data} loading={villages.loading} error={villages.error} onRetry={villages.reload}>
        <View className='tr-card'>
          <Text className='tr-title'>季度与日期</Text>
          <Input className='tr-input tr-quarter' value={quarter} maxlength={7} placeholder='YYYY-Q1' onInput={(e) => setQuarter(e.detail.value)} />
          <Input className='tr-input tr-date' value={date} maxlength={10} placeholder='YYYY-MM-DD' onInput={(e) => setDate(e.detail.value)} />
        </View>
        <View className='tr-card'>
          <Text className='tr-title'>观摩路线（按点选顺序）</Text>
          <View className='tr-chips'>
            {(villages.data?.items ?? []).map((v) => {
              const at = route.indexOf(v.id)
              return (
                <Text key={v.id} className={`tr-chip tr-village tr-village-${v.id}${at >= 0 ? ' tr-chip--on' : ''}`} onClick={() => toggle(v.id)}>
                  {at >= 0 ? `${at + 1}. ` : ''}{v.name}
                </Text>
              )
            })}
          </View>
        </View>
        <View className='tr-card'>
          <Text className='tr-title'>评分表</Text>
          {criteria.map((c, i) => (
            <View key={i} className='tr-criterion'>
              <Input className='tr-input' style={{ flex: 1 }} value={c.name} maxlength={20} onInput={(e) => setCriterion(i, 'name', e.detail.value)} />
              <Input className='tr-input' style={{ width: '120px' }} type='number' value={c.max} maxlength={3} onInput={(e) => setCriterion(i, 'max', e.detail.value)} />
              <Text className='tr-muted' onClick={() => setCriteria((cs) => cs.filter((_, k) => k !== i))}>删除</Text>
            </View>
          ))}
          <Text className='tr-muted' onClick={() => setCriteria((cs) => [...cs, { name: '', max: '10' }])}>＋ 添加评分项</Text>
          <Text className='tr-muted' style={{ display: 'block' }}>满分合计 {criteria.reduce((s, c) => s + (Number(c.max) || 0), 0)} 分</Text>
        </View>
        <View style={{ padding: '0 24px' }}>
          {error && <Text className='tr-error tr-form-error'>{error}</Text>}
          <ActionButton className='btn btn--primary tr-create' loading={sending} disabled={sending} onClick={submit}>创建观摩</ActionButton>
        </View>
      </StateView>
    </View>
  )
}

export default withElderMode(TourNewPage)
