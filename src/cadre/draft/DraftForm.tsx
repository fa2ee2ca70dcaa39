import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { ActionButton } from '../../components/ActionButton'
import { NOTICE_CATEGORIES, NOTICE_KIND_NAMES, type NoticeKind } from '../../../types/notice'
import { FieldError } from '../../components/FieldError'
import { formatDay, todayInChina } from '../../lib/day'
import { PhotoPicker } from './PhotoPicker'
import { useDraftForm } from './useDraftForm'
import { askToSubscribe } from '../../services/subscribe'

const KINDS: NoticeKind[] = ['praise', 'criticism']
// One array for the page's life: Taro's H5 Picker turns its wheel back to `value` whenever `range`
// changes identity, so a fresh array on each render snapped an open wheel back mid-choice.
const CATEGORY_RANGE = [...NOTICE_CATEGORIES]

/** 起草: one notice for the village's board, sent to the secretary for review. */
export function DraftForm({ villageId, initialDate }: { villageId: string; initialDate?: string }) {
  const form = useDraftForm(villageId, initialDate)
  const { fields, set, errors } = form

  const [sent, setSent] = useState(false)
  const onSubmit = async () => {
    // WeChat's prompt only opens from the tap itself: before any other await. Hears of the review and of due items.
    const subscribed = askToSubscribe(['result', 'due'])
    const ok = await form.send()
    await subscribed
    setSent(ok)
    // WeChat cuts a toast with an icon at 7 characters; the full sentence stays on the page.
    if (ok) void Taro.showToast({ title: '已提交审核', icon: 'success' })
  }

  return (
    <View className='card draft-form'>
      <Text className='draft-form__label'>类型</Text>
      <View className='draft-kinds'>
        {KINDS.map((k) => (
          <View
            key={k}
            className={`draft-kind draft-kind--${k}${fields.kind === k ? ' draft-kind--active' : ''}`}
            onClick={() => set.setKind(k)}
          >
            <Text>{NOTICE_KIND_NAMES[k]}</Text>
          </View>
        ))}
      </View>
      {fields.kind === 'criticism' && <Text className='draft-criticism-hint'>描述行为和整改要求，不评价人品</Text>}

      <Text className='draft-form__label'>类别</Text>
      <Picker
        mode='selector'
        range={CATEGORY_RANGE}
        value={NOTICE_CATEGORIES.indexOf(fields.category)}
        onChange={(e) => set.setCategory(NOTICE_CATEGORIES[Number(e.detail.value)] ?? NOTICE_CATEGORIES[0])}
      >
        <View className='draft-field draft-category'>{fields.category}</View>
      </Picker>
      <FieldError errors={errors} name='category' />

      <Text className='draft-form__label'>对象姓名</Text>
      <Input
        className='draft-field draft-subject-name'
        value={fields.subjectName}
        maxlength={20}
        placeholder='户主或本人姓名'
        onInput={(e) => set.setSubjectName(e.detail.value)}
      />
      <FieldError errors={errors} name='subject.name' />

      <Text className='draft-form__label'>户号（选填）</Text>
      <Input
        className='draft-field draft-household-no'
        value={fields.householdNo}
        maxlength={20}
        placeholder='如 3组12号'
        onInput={(e) => set.setHouseholdNo(e.detail.value)}
      />
      <FieldError errors={errors} name='subject.householdNo' />

      <Text className='draft-form__label'>内容</Text>
      <Textarea
        className='draft-field draft-text'
        value={fields.text}
        maxlength={500}
        placeholder={fields.kind === 'criticism' ? '如：房前堆放柴草占道，请于本周内清理' : '如：主动清扫村道，带动邻里'}
        onInput={(e) => set.setText(e.detail.value)}
      />
      <FieldError errors={errors} name='text' />

      <Text className='draft-form__label'>照片（最多 3 张）</Text>
      <PhotoPicker photos={fields.photos} uploading={form.uploading} onAdd={form.addPhotos} onRemove={form.removePhoto} />
      <FieldError errors={errors} name='photos' />

      <Text className='draft-form__label'>见榜日期</Text>
      <Picker mode='date' value={fields.publishDate} start={todayInChina()} onChange={(e) => set.setPublishDate(e.detail.value)}>
        <View className='draft-field draft-date'>{formatDay(fields.publishDate)}</View>
      </Picker>
      <FieldError errors={errors} name='publishDate' />
      <FieldError errors={errors} name='villageId' />

      {form.submitError && <Text className='error-text submit-error'>{form.submitError}</Text>}
      {sent && !form.submitError && <Text className='draft-success'>已提交，等待书记审核。可继续起草下一条。</Text>}
      <ActionButton
        className='btn btn--primary draft-submit'
        loading={form.pending}
        disabled={form.pending || form.uploading}
        onClick={onSubmit}
      >
        提交
      </ActionButton>
    </View>
  )
}
