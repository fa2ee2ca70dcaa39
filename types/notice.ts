import { z } from 'zod'
import { ZDay, ZId, ZPageLimit, ZPhotoId, ZRequestId, zText, ZCursor } from './common'
import { NOTICE_CATEGORIES, NOTICE_KINDS, NOTICE_STATUSES } from './labels'

export { NOTICE_CATEGORIES, NOTICE_KINDS, NOTICE_KIND_NAMES, NOTICE_STATUSES, NOTICE_STATUS_NAMES } from './labels'

/** 表扬 praise or 曝光 criticism. */
export const ZNoticeKind = z.enum(NOTICE_KINDS, { errorMap: () => ({ message: '类型应为表扬或曝光' }) })
export type NoticeKind = z.infer<typeof ZNoticeKind>

export const ZNoticeCategory = z.enum(NOTICE_CATEGORIES, {
  errorMap: () => ({ message: `类别应为：${NOTICE_CATEGORIES.join('、')}` }),
})

/** Life of a notice (see NOTICE_STATUSES in labels.ts). */
export const ZNoticeStatus = z.enum(NOTICE_STATUSES)
export type NoticeStatus = z.infer<typeof ZNoticeStatus>

/** 对象: the household or person a notice is about. */
export const ZNoticeSubject = z.object({
  name: zText('姓名', 20),
  /** 门牌/户号, e.g. "3组12号". */
  householdNo: zText('户号', 20).optional(),
})

/** 起草公告: what a cadre submits. The same schema validates the form and the payload. */
export const ZNoticeDraft = z.object({
  villageId: ZId,
  kind: ZNoticeKind,
  category: ZNoticeCategory,
  subject: ZNoticeSubject,
  text: zText('内容', 500, 5),
  photos: z.array(ZPhotoId).max(3, '最多 3 张照片').default([]),
  /** The day the notice should appear on the board. */
  publishDate: ZDay,
  /** Made by the client once per submission: a retried submission returns the first notice. */
  requestId: ZRequestId.optional(),
})
export type NoticeDraft = z.infer<typeof ZNoticeDraft>
export type NoticeDraftInput = z.input<typeof ZNoticeDraft>

/** A notice as stored and shown to the village's cadres. */
export const ZNotice = z.object({
  id: ZId,
  townshipId: ZId,
  villageId: ZId,
  kind: ZNoticeKind,
  category: ZNoticeCategory,
  subject: z.object({ name: z.string(), householdNo: z.string().optional() }),
  text: z.string(),
  photos: z.array(z.string()),
  publishDate: ZDay,
  status: ZNoticeStatus,
  draftedBy: z.string(),
  draftedByName: z.string(),
  createdAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  /** The board day it was published on. */
  boardDate: ZDay.nullable(),
  /** 整改完成: when a cadre marked the criticised problem fixed. */
  rectifiedAt: z.string().nullable(),
  /** Open 申诉 objections; while above zero the criticism is off the public board. */
  openObjections: z.number().int(),
  version: z.number().int(),
})
export type Notice = z.infer<typeof ZNotice>

export const ZNoticeReview = z.object({
  noticeId: ZId,
  decision: z.enum(['approve', 'reject'], { errorMap: () => ({ message: '审核结果应为通过或驳回' }) }),
  comment: zText('审核意见', 200).optional(),
  /** The version the reviewer saw; a stale one is refused with CONFLICT. */
  expectedVersion: z.number().int('版本号不正确').min(1, '版本号不正确').optional(),
  /** Kept across retries of one review: a retry after a lost answer answers the first result. */
  requestId: ZRequestId.optional(),
})
export type NoticeReview = z.infer<typeof ZNoticeReview>

export const ZNoticeListDrafts = z.object({
  villageId: ZId,
  status: ZNoticeStatus.optional(),
  cursor: ZCursor.optional(),
  limit: ZPageLimit.default(20),
})

export const ZNoticeRectify = z.object({ noticeId: ZId, requestId: ZRequestId.optional() })
