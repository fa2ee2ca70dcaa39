import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { callApi } from '../../services/api'
import { errorMessage } from '../../services/errors'
import { useAsync } from '../../hooks/useAsync'
import { useRequestId } from '../../lib/request-id'
import { StateView } from '../../components/StateView'
import { ActionButton } from '../../components/ActionButton'
import { withElderMode } from '../../components/ElderMode'
import '../tours.css'

/** 观摩评分: one person's sheet for one stop (`?tourId=&villageId=`); scoring again replaces it until the stop closes. */
function TourScorePage() {
  const { params } = useRouter()
  const tourId = params.tourId ?? ''
  const villageId = params.villageId ?? ''
  const tour = useAsync(() => callApi('tour.get', { tourId }), [tourId])
  const stop = tour.data?.stops.find((s) => s.villageId === villageId)
  const [points, setPoints] = useState<string[]>([])
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const requestId = useRequestId()

  useEffect(() => {
    if (!tour.data || !stop) return
    setPoints(tour.data.criteria.map((_, i) => (stop.mine ? String(stop.mine.points[i]) : '')))
    setComment(stop.mine?.comment ?? '')
  }, [tour.data])

  const submit = async () => {
    if (sending || !tour.data) return
    const values = points.map((p) => Number(p))
    const bad = tour.data.criteria.findIndex((c, i) => points[i] === '' || !Number.isInteger(values[i]) || values[i] < 0 || values[i] > c.max)
    if (bad >= 0) return setError(`“${tour.data.criteria[bad].name}”请填写 0–${tour.data.criteria[bad].max} 的整数`)
    setError(null)
    setSending(true)
    try {
      await callApi('tour.score', { tourId, villageId, points: values, ...(comment.trim() ? { comment } : {}), requestId: requestId.current })
      requestId.renew()
      void Taro.showToast({ title: '已提交', icon: 'success' })
      setTimeout(() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/tours/detail/index?id=${tourId}` })), 600)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSending(false)
    }
  }

  const total = points.reduce((s, p) => s + (Number(p) || 0), 0)
  return (
    <View className='tr-page'>
      <StateView ready={!!tour.data} loading={tour.loading} error={tour.error} onRetry={tour.reload} empty={!!tour.data && !stop} emptyText='该村不在本次观摩路线中'>
        {tour.data && stop && (
          <View className='tr-card'>
            <Text className='tr-title'>{stop.villageName} · 评分</Text>
            {stop.mine && <Text className='tr-muted tr-mine'>已评 {stop.mine.total} 分，可修改至本站评分结束</Text>}
            {tour.data.criteria.map((c, i) => (
              <View key={c.name} className='tr-criterion'>
                <Text>{c.name}（满分 {c.max}）</Text>
                <Input className={`tr-input tr-points tr-points-${i}`} style={{ width: '140px' }} type='number' maxlength={3} value={points[i] ?? ''}
                  onInput={(e) => { const v = e.detail.value; setPoints((ps) => ps.map((p, k) => (k === i ? v : p))) }} />
              </View>
            ))}
            <Text className='tr-line'>合计 {total} 分</Text>
            <Textarea className='tr-textarea tr-comment-input' value={comment} maxlength={300} placeholder='点评（可选）：亮点与差距' onInput={(e) => setComment(e.detail.value)} />
            {error && <Text className='tr-error tr-score-error'>{error}</Text>}
            <View className='tr-actions'>
              <ActionButton className='btn btn--primary tr-submit' loading={sending} disabled={sending} onClick={submit}>提交评分</ActionButton>
            </View>
          </View>
        )}
      </StateView>
    </View>
  )
}

export default withElderMode(TourScorePage)
