import type { Notice } from '../../types/notice'
import { DomainError } from '../../core/errors'
import { checkPublishDate, checkRectifiable, reviewOutcome } from '../../core/notice-rules'
import { isPublishDue } from '../../core/time'
import { defineHandler, callerName, callerOpenid, type ActionContext } from '../action'
import { appendAudit } from '../audit'
import { changedFields, getNotice, getVillage, toDoc, toRecord, type Stored } from '../repository'
import { publishDueNotices } from '../publish/publish-due'
import { creationId, createOnce } from '../create-once'
import { notifyNoticeReviewed, notifyNoticeSubmitted } from '../notify/workflows'
import { openidView, viewNotice } from '../people-view'

const noticeTarget = async (input: { noticeId: string }, ctx: ActionContext) => {
  const notice = await getNotice(ctx.deps.store, input.noticeId)
  return { villageId: notice.villageId, townshipId: notice.townshipId }
}

/** Applies `change` to a notice in one transaction, with its audit entry; refuses stale versions. */
async function transitionNotice(
  ctx: ActionContext,
  noticeId: string,
  action: string,
  change: (notice: Notice) => Partial<Notice>,
  expectedVersion?: number,
): Promise<Notice> {
  return ctx.deps.store.transaction(async (tx) => {
    const before = await getNotice(tx, noticeId)
    if (expectedVersion !== undefined && before.version !== expectedVersion) {
      throw new DomainError('CONFLICT', '该公告已被他人修改，请刷新后重试')
    }
    const after: Notice = { ...before, ...change(before), version: before.version + 1 }
    await tx.patch('notices', noticeId, changedFields(before, after))
    await appendAudit(tx, {
      townshipId: before.townshipId,
      at: ctx.now.toISOString(),
      actor: callerOpenid(ctx),
      action,
      entity: 'notice',
      entityId: noticeId,
      before,
      after,
      version: after.version,
    })
    return after
  })
}

export const draftNotice = defineHandler('notice.draft', {
  target: (input) => ({ villageId: input.villageId }),
  async handle(input, ctx) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    if (village.archived) throw new DomainError('CONFLICT', '该村已归档，不能再起草公告')
    checkPublishDate(input.publishDate, ctx.today)
    const openid = callerOpenid(ctx)
    const textToCheck = [input.subject.name, input.subject.householdNo ?? '', input.text].join('\n')
    const judgement = await ctx.deps.contentCheck.check(textToCheck, openid)
    if (judgement.verdict !== 'pass') {
      const why = judgement.reason ? `内容未通过检测（${judgement.reason}）` : '内容未通过安全检测'
      throw new DomainError('CONTENT_REJECTED', `${why}，请修改后再提交（描述行为和整改要求，不要评价人品）`)
    }
    const notice: Notice = {
      id: creationId(ctx, input.requestId),
      townshipId: village.townshipId,
      villageId: village.id,
      kind: input.kind,
      category: input.category,
      subject: input.subject.householdNo ? { name: input.subject.name, householdNo: input.subject.householdNo } : { name: input.subject.name },
      text: input.text,
      photos: input.photos,
      publishDate: input.publishDate,
      status: 'pending',
      draftedBy: openid,
      draftedByName: callerName(ctx),
      createdAt: ctx.now.toISOString(),
      reviewedBy: null,
      reviewedAt: null,
      reviewComment: null,
      boardDate: null,
      rectifiedAt: null,
      openObjections: 0,
      version: 1,
    }
    const create = () =>
      ctx.deps.store.transaction(async (tx) => {
        await tx.insert('notices', toDoc(notice))
        await appendAudit(tx, {
          townshipId: notice.townshipId, at: notice.createdAt, actor: openid, action: 'notice.draft',
          entity: 'notice', entityId: notice.id, before: null, after: notice, version: 1,
        })
        return notice
      })
    const drafted = await createOnce(ctx, 'notices', notice.id, create, getNotice)
    // Also on a retry that found the first record: keyed per event, it completes a lost notification once.
    await notifyNoticeSubmitted(ctx.deps, drafted)
    return viewNotice(await openidView(ctx), drafted)
  },
})

export const listDrafts = defineHandler('notice.listDrafts', {
  async target(input, ctx) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    return { villageId: village.id, townshipId: village.townshipId }
  },
  async handle(input, ctx) {
    const where: Record<string, string | { $lt: string }> = { villageId: input.villageId }
    if (input.status) where.status = input.status
    if (input.cursor) where.createdAt = { $lt: input.cursor }
    const docs = await ctx.deps.store.find<Stored<Notice>>('notices', {
      where,
      orderBy: [['createdAt', 'desc']],
      limit: input.limit + 1,
    })
    const items = docs.slice(0, input.limit).map((d) => toRecord<Notice>(d))
    const view = await openidView(ctx)
    return { items: items.map((n) => viewNotice(view, n)), nextCursor: docs.length > input.limit ? items[items.length - 1].createdAt : null }
  },
})

export const reviewNotice = defineHandler('notice.review', {
  target: noticeTarget,
  async handle(input, ctx) {
    const reviewer = callerOpenid(ctx)
    const reviewed = await transitionNotice(
      ctx,
      input.noticeId,
      `notice.${input.decision}`,
      (notice) => ({
        status: reviewOutcome(notice, reviewer, input.decision),
        reviewedBy: reviewer,
        reviewedAt: ctx.now.toISOString(),
        reviewComment: input.comment ?? null,
      }),
      input.expectedVersion,
    )
    await notifyNoticeReviewed(ctx.deps, reviewed)
    // Approved after its day's 07:00 run: publish now instead of waiting for tomorrow's timer.
    if (reviewed.status === 'approved' && isPublishDue(reviewed.publishDate, ctx.now)) {
      try {
        await publishDueNotices(ctx.deps, { date: ctx.today, villageId: reviewed.villageId })
        return viewNotice(await openidView(ctx), await getNotice(ctx.deps.store, reviewed.id))
      } catch (error) {
        // The approval is saved; the next 07:00 run publishes what this one could not.
        console.error('[notice.review] immediate publish failed', error)
      }
    }
    return viewNotice(await openidView(ctx), reviewed)
  },
})

export const markRectified = defineHandler('notice.markRectified', {
  target: noticeTarget,
  async handle(input, ctx) {
    const rectified = await transitionNotice(ctx, input.noticeId, 'notice.markRectified', (notice) => {
      checkRectifiable(notice)
      return { rectifiedAt: ctx.now.toISOString() }
    })
    return viewNotice(await openidView(ctx), rectified)
  },
})
