import { z } from 'zod'
import { ZId, ZPageQuery, ZPersonRef, ZPhotoId, ZRequestId, zText } from './common'
import { ZStar } from './roles'
import { ZMonth } from './catalogue'

/** 提升清单 item life: 未开始 open → 进行中 in_progress → 待验收 awaiting → 已销号 done; a rejected closing reopens it (open). */
export const CHECKLIST_STATUSES = ['open', 'in_progress', 'awaiting', 'done'] as const
export const ZChecklistStatus = z.enum(CHECKLIST_STATUSES)
export type ChecklistStatus = z.infer<typeof ZChecklistStatus>
export const CHECKLIST_STATUS_NAMES: Record<ChecklistStatus, string> = {
  open: '未开始',
  in_progress: '进行中',
  awaiting: '待验收',
  done: '已销号',
}

const ZItemFields = z.object({
  /** Null: a village-wide item, reviewed by the village's secretary. */
  star: ZStar.nullable().default(null),
  criterionId: ZId.nullable().default(null),
  text: zText('清单内容', 200, 2),
  /** The owner: their id (their own, or an admin's pick), or their `ref` from role.list — one of the two. */
  ownerId: ZId.optional(),
  ownerRef: ZPersonRef.optional(),
  dueMonth: ZMonth,
})

export const ZChecklistCreate = ZItemFields.extend({ villageId: ZId, requestId: ZRequestId.optional() })
export const ZChecklistUpdate = z.object({
  itemId: ZId,
  text: zText('清单内容', 200, 2).optional(),
  ownerId: ZId.optional(),
  dueMonth: ZMonth.optional(),
  /** open → in_progress (or back). */
  status: z.enum(['open', 'in_progress']).optional(),
  expectedVersion: z.number().int().optional(),
  requestId: ZRequestId.optional(),
})
export const ZChecklistClose = z
  .object({
    itemId: ZId,
    ledgerEntryId: ZId.optional(),
    photos: z.array(ZPhotoId).max(9, '最多 9 张照片').default([]),
    note: zText('销号说明', 300).optional(),
    expectedVersion: z.number().int().optional(),
    requestId: ZRequestId.optional(),
  })
  .refine((v) => !!v.ledgerEntryId || (v.photos.length > 0 && !!v.note), {
    message: '销号需要证据：关联一条台账，或上传照片并填写说明',
    path: ['ledgerEntryId'],
  })
export const ZChecklistReview = z
  .object({
    itemId: ZId,
    decision: z.enum(['accept', 'reject'], { errorMap: () => ({ message: '验收结果应为通过或不通过' }) }),
    comment: zText('意见', 200).optional(),
    expectedVersion: z.number().int().optional(),
    requestId: ZRequestId.optional(),
  })
  .refine((v) => v.decision !== 'reject' || !!v.comment, { message: '不通过时请填写原因', path: ['comment'] })
export const ZChecklistList = ZPageQuery.extend({
  villageId: ZId,
  star: ZStar.optional(),
  ownerId: ZId.optional(),
  /** A stored status, or 'overdue' (not done and its due month has ended). */
  status: z.enum([...CHECKLIST_STATUSES, 'overdue']).optional(),
  /** 我本月到期: the caller's own items due this month. */
  mine: z.boolean().optional(),
})

/** An .xlsx sheet (base64, ≤ 1 MB) filled from the template. */
export const ZChecklistImport = z.object({
  villageId: ZId,
  fileBase64: z.string().min(1, '文件不能为空').max(1_400_000, '文件不能超过 1 MB').regex(/^[A-Za-z0-9+/=\s]+$/, '文件编码不正确'),
  requestId: ZRequestId.optional(),
})
export const ZChecklistImportResult = z.object({ created: z.number().int() })
/** A village's checklist as .xlsx; with `template`, the empty import template instead. */
export const ZExportChecklist = z.object({ villageId: ZId, template: z.boolean().optional() })

export const ZChecklistEvidence = z.object({
  ledgerEntryId: z.string().nullable(),
  photos: z.array(z.string()),
  note: z.string().nullable(),
  at: z.string(),
  by: z.string(),
})

export const ZChecklistItem = z.object({
  id: z.string(),
  townshipId: z.string(),
  villageId: z.string(),
  star: ZStar.nullable(),
  criterionId: z.string().nullable(),
  text: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  dueMonth: z.string(),
  /** `${dueMonth}_${id}`: the list order (due month, then id) and its cursor. */
  sortKey: z.string(),
  status: ZChecklistStatus,
  evidence: ZChecklistEvidence.nullable(),
  reviewComment: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type ChecklistItem = z.infer<typeof ZChecklistItem>

/** A list row: the item plus what is computed at read time. */
export const ZChecklistRow = ZChecklistItem.extend({
  overdue: z.boolean(),
  /** The owner's handle, to assign them another item (ownerRef of checklist.create). */
  ownerRef: z.string(),
  /** The owner no longer holds a role in the village (revoked): shown as unowned until reassigned. */
  unowned: z.boolean(),
})
