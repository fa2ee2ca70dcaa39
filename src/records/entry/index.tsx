import Taro, { useRouter } from '@tarojs/taro'
import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components'
import { OTHER_ACTIVITY } from '../../../types/catalogue'
import { MAX_LEDGER_PHOTOS } from '../../../types/ledger'
import { STAR_NAMES } from '../../../types/roles'
import { StateView } from '../../components/StateView'
import { useAsync } from '../../hooks/useAsync'
import { useMe } from '../../hooks/useMe'
import { photoUrl } from '../../services/photos'
import { callApi } from '../../services/api'
import { askToSubscribe } from '../../services/subscribe'
import { LEADER_ACTIVITY_TYPES, useLedgerForm } from './useLedgerForm'
import '../records.css'
import { withElderMode } from '../../components/ElderMode'

/** 登记台账 (`?villageId=`; `&entryId=` fixes a returned entry). */
function EntryPage() {
  const { params } = useRouter()
  const villageId = params.villageId ?? ''
  const me = useMe()
  const form = useLedgerForm(villageId, params.entryId ?? null, me.data?.personId ?? null)
  const year = Number(form.draft.date.slice(0, 4)) || new Date().getFullYear()
  const catalogue = useAsync(() => callApi('catalogue.get', { year }), [year])
  const criteria = (catalogue.data?.revisions[catalogue.data.revisions.length - 1]?.criteria ?? []).filter((c) => c.rule)
  const chosen = criteria.find((c) => c.rule?.activityType === form.draft.activityType)
  const star = chosen?.star ?? 1

  const submit = async () => {
    // From the tap, before any await (WeChat's rule): the cadre hears when the entry is verified or returned.
    void askToSubscribe(['result', 'due'])
    if (await form.send(star)) {
      void Taro.showToast({ title: '已提交，等待专班核实', icon: 'success' })
      setTimeout(() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/records/ledger/index?villageId=${villageId}` })), 600)
    }
  }

  return (
    <View className='records-page'>
      <StateView ready={!!catalogue.data} loading={catalogue.loading} error={catalogue.error} onRetry={catalogue.reload}>
        <View className='card'>
          <View className='records-field'>
            <Text className='records-field__label'>活动类型{chosen ? `（${STAR_NAMES[chosen.star]}）` : ''}</Text>
            <View className='records-filters'>
              {[...new Set(criteria.map((c) => c.rule!.activityType)), OTHER_ACTIVITY].map((t) => (
                <Text key={t} className={`records-filter activity-type ${form.draft.activityType === t ? 'records-filter--on' : ''}`} data-type={t} onClick={() => form.set({ activityType: t })}>
                  {t}
                </Text>
              ))}
            </View>
          </View>
          {form.draft.activityType === OTHER_ACTIVITY && (
            <View className='records-field'>
              <Text className='records-field__label'>活动名称</Text>
              <Input className='records-input entry-other' value={form.draft.otherName} onInput={(e) => form.set({ otherName: e.detail.value })} />
            </View>
          )}
          {LEADER_ACTIVITY_TYPES.includes(form.draft.activityType) && (
            <View className='records-field'>
              <Text className='records-field__label'>联系领导（联系村）</Text>
              <Text className={`records-filter entry-leader ${form.draft.leaderAttended ? 'records-filter--on' : ''}`} onClick={() => form.set({ leaderAttended: !form.draft.leaderAttended })}>
                {form.draft.leaderAttended ? '✓ 联系领导参加了本次活动' : '联系领导参加了本次活动？点此标记'}
              </Text>
            </View>
          )}
          <View className='records-field'>
            <Text className='records-field__label'>活动日期（YYYY-MM-DD）</Text>
            <Input className='records-input entry-date' value={form.draft.date} onInput={(e) => form.set({ date: e.detail.value })} />
          </View>
          <View className='records-field'>
            <Text className='records-field__label'>参加人数</Text>
            <Input className='records-input entry-count' type='number' value={form.draft.count} onInput={(e) => form.set({ count: e.detail.value })} />
          </View>
          <View className='records-field'>
            <Text className='records-field__label'>活动内容</Text>
            <Textarea className='records-input entry-summary' value={form.draft.summary} maxlength={1000} onInput={(e) => form.set({ summary: e.detail.value })} />
          </View>
          <View className='records-field'>
            <Text className='records-field__label'>照片（最多 {MAX_LEDGER_PHOTOS} 张，上传前自动压缩）</Text>
            <View className='records-photos'>
              {form.draft.photos.map((p) => (
                <Image key={p} className='records-photo entry-photo' src={photoUrl(p)} mode='aspectFill' onClick={() => form.removePhoto(p)} />
              ))}
              {form.draft.pendingPaths.map((p) => (
                <Image key={p} className='records-photo entry-photo entry-photo--pending' src={p} mode='aspectFill' />
              ))}
              {form.draft.photos.length + form.draft.pendingPaths.length < MAX_LEDGER_PHOTOS && (
                <View className='records-photo-add entry-add-photo' onClick={form.addPhotos}>
                  <Text>添加照片</Text>
                </View>
              )}
            </View>
            {form.uploadingCount > 0 && <Text className='muted entry-uploading'>正在上传 {form.uploadingCount} 张照片…</Text>}
            {form.uploadingCount === 0 && form.draft.pendingPaths.length > 0 && <Text className='muted entry-pending-note'>{form.draft.pendingPaths.length} 张照片待上传（提交时自动重试）</Text>}
            {form.notice && <Text className='error-text entry-photo-notice'>{form.notice}</Text>}
          </View>
          {form.error && <Text className='error-text entry-error'>{form.error}</Text>}
          <Button className='btn btn--primary entry-submit' loading={form.sending} disabled={form.sending || form.uploadingCount > 0 || !form.draft.activityType} onClick={submit}>
            {params.entryId ? '修改后重新提交' : '提交台账'}
          </Button>
          <Text className='muted'>表单内容保存在本机，断网或退出后再打开仍在。</Text>
        </View>
      </StateView>
    </View>
  )
}

export default withElderMode(EntryPage)
