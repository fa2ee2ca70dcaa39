import { z } from 'zod'
import { ZId, ZPageQuery, ZRequestId, zText } from './common'
import { ZStar } from './roles'
import { ZYear } from './catalogue'
import { ZComplianceStatus } from './ledger'

/**
 * 创星申报: draft → submitted → (returned ↔ submitted) → recommended → approved | rejected;
 * approved → revoked (摘星, with a reason).
 */
export const APPLICATION_STATUSES = ['draft', 'submitted', 'returned', 'recommended', 'approved', 'rejected', 'revoked'] as const
export const ZApplicationStatus = z.enum(APPLICATION_STATUSES)
export type ApplicationStatus = z.infer<typeof ZApplicationStatus>
export const APPLICATION_STATUS_NAMES: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '待初审',
  returned: '已退回',
  recommended: '已推荐',
  approved: '已授星',
  rejected: '未通过',
  revoked: '已摘星',
}

export const MAX_EVIDENCE_PER_ROW = 9

/** One row of the self-assessment: a criterion of the star, its month-by-month compliance, evidence and comment. */
export const ZAssessmentRow = z.object({
  criterionId: z.string(),
  title: z.string(),
  ruleKind: z.string().nullable(),
  /** Compliance of each month of the year up to the month the application was prepared (pre-filled). */
  months: z.array(z.object({ month: z.string(), status: ZComplianceStatus })),
  ledgerIds: z.array(z.string()),
  checklistIds: z.array(z.string()),
  comment: z.string(),
  /** The task force's comment on this row at its last review. */
  reviewComment: z.string().nullable(),
})
export type AssessmentRow = z.infer<typeof ZAssessmentRow>

export const ZApplication = z.object({
  id: z.string(),
  townshipId: z.string(),
  villageId: z.string(),
  star: ZStar,
  year: z.number().int(),
  status: ZApplicationStatus,
  rows: z.array(ZAssessmentRow),
  /** The village's overall statement. */
  note: z.string(),
  /** The comment of the latest transition (review, decision, revocation reason). */
  lastComment: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** `${createdAt}_${id}`: the list order and its cursor. */
  sortKey: z.string(),
  version: z.number().int(),
})
export type Application = z.infer<typeof ZApplication>

const ZIdList = z.array(ZId).max(MAX_EVIDENCE_PER_ROW, `每条标准最多关联 ${MAX_EVIDENCE_PER_ROW} 项佐证`)

export const ZApplicationCreate = z.object({ villageId: ZId, star: ZStar, year: ZYear, requestId: ZRequestId.optional() })
export const ZApplicationUpdate = z.object({
  applicationId: ZId,
  note: z.string().max(1000, '申报说明不能超过1000个字').optional(),
  rows: z
    .array(
      z.object({
        criterionId: ZId,
        ledgerIds: ZIdList.default([]),
        checklistIds: ZIdList.default([]),
        comment: z.string().max(300, '说明不能超过300个字').default(''),
      }),
    )
    .max(100)
    .optional(),
  expectedVersion: z.number().int().optional(),
  requestId: ZRequestId.optional(),
})
export const ZApplicationSubmit = z.object({ applicationId: ZId, expectedVersion: z.number().int().optional(), requestId: ZRequestId.optional() })
export const ZApplicationReview = z
  .object({
    applicationId: ZId,
    decision: z.enum(['return', 'recommend'], { errorMap: () => ({ message: '初审结果应为退回或推荐' }) }),
    comment: z.string().max(300, '意见不能超过300个字').default(''),
    rowComments: z.array(z.object({ criterionId: ZId, comment: zText('意见', 300) })).max(100).optional(),
    expectedVersion: z.number().int().optional(),
    requestId: ZRequestId.optional(),
  })
  .refine((v) => v.decision !== 'return' || v.comment.trim() !== '', { message: '退回时请填写意见', path: ['comment'] })
export const ZApplicationDecide = z
  .object({
    applicationId: ZId,
    decision: z.enum(['approve', 'reject'], { errorMap: () => ({ message: '审定结果应为通过或不通过' }) }),
    comment: z.string().max(300, '意见不能超过300个字').default(''),
    expectedVersion: z.number().int().optional(),
    requestId: ZRequestId.optional(),
  })
  .refine((v) => v.decision !== 'reject' || v.comment.trim() !== '', { message: '不通过时请填写意见', path: ['comment'] })
export const ZApplicationRevoke = z.object({ applicationId: ZId, reason: zText('摘星原因', 300), expectedVersion: z.number().int().optional(), requestId: ZRequestId.optional() })
export const ZApplicationGet = z.object({ applicationId: ZId })
export const ZApplicationList = ZPageQuery.extend({
  /** A village's applications (any status); without one, the township's in one status (review queue, decisions). */
  villageId: ZId.optional(),
  year: ZYear.optional(),
  star: ZStar.optional(),
  status: ZApplicationStatus.optional(),
})

/** A village's stars for a year as everyone sees them. */
export const ZRatingGet = z.object({ villageId: ZId, year: ZYear })
