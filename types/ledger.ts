import { z } from 'zod'
import { ZDay, ZId, ZPageQuery, ZPhotoId, ZRequestId, zText } from './common'
import { ZStar } from './roles'
import { ZActivityType, ZMonth } from './catalogue'

/** Life of a ledger entry: 已提交 submitted → 已核实 verified | 已退回 returned; returned → 已重新提交 resubmitted → verified | returned. */
export const LEDGER_STATUSES = ['submitted', 'verified', 'returned', 'resubmitted'] as const
export const ZLedgerStatus = z.enum(LEDGER_STATUSES)
export type LedgerStatus = z.infer<typeof ZLedgerStatus>
export const LEDGER_STATUS_NAMES: Record<LedgerStatus, string> = {
  submitted: '待核实',
  verified: '已核实',
  returned: '已退回',
  resubmitted: '已重新提交',
}

export const MAX_LEDGER_PHOTOS = 9

const ZParticipants = z.object({
  count: z.number().int('人数应为整数').min(0, '人数不能为负').max(100000, '人数过大'),
  names: z.array(zText('参加人员', 20)).max(200, '参加人员名单最多 200 人').default([]),
})

/** The fields a cadre fills in (create and edit). */
const ZLedgerFields = z.object({
  star: ZStar,
  criterionId: ZId.nullable().default(null),
  activityType: ZActivityType,
  /** The activity's own name when the type is 其他. */
  otherName: zText('活动名称', 30).nullable().default(null),
  date: ZDay,
  participants: ZParticipants,
  summary: zText('活动内容', 1000, 5),
  photos: z.array(ZPhotoId).max(MAX_LEDGER_PHOTOS, `最多 ${MAX_LEDGER_PHOTOS} 张照片`).default([]),
  /** The value of a figure entry (e.g. 集体经济收入, 元). */
  figure: z.number().finite().min(0, '数值不能为负').max(1e12, '数值过大').nullable().default(null),
  /** 主题党日 / 组织生活会: the village's contact leader of the year (联系村) attended. */
  leaderAttended: z.boolean().default(false),
})

export const ZLedgerCreate = ZLedgerFields.extend({
  villageId: ZId,
  /** A verified entry is immutable: a correction is a new entry naming the one it corrects. */
  correctsId: ZId.nullable().default(null),
  requestId: ZRequestId.optional(),
})
export const ZLedgerUpdate = ZLedgerFields.extend({ entryId: ZId, expectedVersion: z.number().int().optional(), requestId: ZRequestId.optional() })
export const ZLedgerReview = z
  .object({
    entryId: ZId,
    decision: z.enum(['verify', 'return'], { errorMap: () => ({ message: '审核结果应为核实或退回' }) }),
    comment: zText('意见', 200).optional(),
    expectedVersion: z.number().int().optional(),
    requestId: ZRequestId.optional(),
  })
  .refine((v) => v.decision !== 'return' || !!v.comment, { message: '退回时请填写意见', path: ['comment'] })
export const ZLedgerGet = z.object({ entryId: ZId })
export const ZLedgerList = ZPageQuery.extend({
  /** Without a village: the whole township (leaders, admins, task forces). */
  villageId: ZId.optional(),
  month: ZMonth.optional(),
  star: ZStar.optional(),
  status: ZLedgerStatus.optional(),
})

export const ZLedgerEntry = z.object({
  id: z.string(),
  townshipId: z.string(),
  villageId: z.string(),
  star: ZStar,
  criterionId: z.string().nullable(),
  activityType: z.string(),
  otherName: z.string().nullable(),
  date: z.string(),
  /** China month of `date`. */
  month: z.string(),
  participants: z.object({ count: z.number(), names: z.array(z.string()) }),
  summary: z.string(),
  photos: z.array(z.string()),
  figure: z.number().nullable(),
  correctsId: z.string().nullable(),
  status: ZLedgerStatus,
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  /** `${createdAt}_${id}`: the list order (newest first, then id) and its cursor. */
  sortKey: z.string(),
  updatedAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  version: z.number().int(),
  /** The contact leader who attended (主题党日 / 组织生活会); absent on entries stored before 联系村. */
  attendedLeaderId: z.string().nullable().optional(),
  attendedLeaderName: z.string().nullable().optional(),
})
export type LedgerEntry = z.infer<typeof ZLedgerEntry>

/** Where a criterion stands for a village in a month. */
export const COMPLIANCE_STATUSES = ['done', 'pending', 'missing', 'overdue'] as const
export const ZComplianceStatus = z.enum(COMPLIANCE_STATUSES)
export type ComplianceStatus = z.infer<typeof ZComplianceStatus>
export const COMPLIANCE_STATUS_NAMES: Record<ComplianceStatus, string> = { done: '已完成', pending: '待核实', missing: '未完成', overdue: '已逾期' }

export const ZComplianceGet = z.object({ villageId: ZId, month: ZMonth })
export const ZComplianceItem = z.object({
  criterionId: z.string(),
  star: ZStar,
  title: z.string(),
  activityType: z.string(),
  ruleKind: z.string(),
  status: ZComplianceStatus,
  /** e.g. "已核实 1/1 次", "3/4 周达标", "80000/100000 元". */
  detail: z.string(),
})
export const ZCompliance = z.object({
  villageId: z.string(),
  month: z.string(),
  focus: z.string().nullable(),
  items: z.array(ZComplianceItem),
  counts: z.object({ done: z.number(), pending: z.number(), missing: z.number(), overdue: z.number() }),
})
export type Compliance = z.infer<typeof ZCompliance>

/** Export input: a village's (or, without one, the township's) ledger for a span of months. */
export const ZExportLedger = z
  .object({ villageId: ZId.optional(), from: ZMonth, to: ZMonth })
  .refine((v) => v.from <= v.to, { message: '起始月份不能晚于结束月份', path: ['to'] })
  .refine((v) => (Number(v.to.slice(0, 4)) - Number(v.from.slice(0, 4))) * 12 + Number(v.to.slice(5)) - Number(v.from.slice(5)) < 24, {
    message: '一次最多导出 24 个月',
    path: ['to'],
  })
export const ZExportResult = z.object({ url: z.string(), fileName: z.string(), rows: z.number().int() })
