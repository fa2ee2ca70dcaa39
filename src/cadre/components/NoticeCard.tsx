import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { NOTICE_KIND_NAMES, NOTICE_STATUS_NAMES, type Notice } from '../../../types/notice'
import { PhotoGrid } from '../../components/PhotoGrid'
import { formatDay, formatInstant } from '../../lib/day'
import './NoticeCard.css'

/** A notice as its village's cadres see it: full name, status, drafter; `children` holds the actions. */
export function NoticeCard({ notice, children }: { notice: Notice; children?: ReactNode }) {
  return (
    <View className={`card draft-card draft-card--${notice.status} draft-card--${notice.kind}`} data-notice-id={notice.id}>
      <View className='draft-card__top'>
        <Text className={`draft-card__kind draft-card__kind--${notice.kind}`}>{NOTICE_KIND_NAMES[notice.kind]}</Text>
        <Text className='entry-category'>{notice.category}</Text>
        <Text className='draft-status'>{NOTICE_STATUS_NAMES[notice.status]}</Text>
      </View>
      <Text className='draft-card__subject'>
        {notice.subject.name}
        {notice.subject.householdNo ? `（${notice.subject.householdNo}）` : ''}
      </Text>
      <Text className='draft-card__text'>{notice.text}</Text>
      <PhotoGrid photos={notice.photos} />
      <Text className='muted'>
        见榜日期：{formatDay(notice.publishDate)} · {notice.draftedByName} 起草于 {formatInstant(notice.createdAt)}
      </Text>
      {notice.reviewComment && <Text className='draft-card__comment'>审核意见：{notice.reviewComment}</Text>}
      {notice.rectifiedAt && <Text className='rectified-badge'>已整改</Text>}
      {children}
    </View>
  )
}
