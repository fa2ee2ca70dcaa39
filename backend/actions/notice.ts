import type { Notice } from '../../types/notice'
import { DomainError } from '../../core/errors'
import { checkPublishDate, checkRectifiable, reviewOutcome } from '../../core/notice-rules'
import { isPublishDue } from '../../core/time'
import { defineHandler, callerName, callerOpenid, type ActionContext } from '../action'
import { appendAudit } from '../audit'
import { changedFields, getNotice, getVillage, toDoc, toRecord, type Stored } from '../repository'
import { boardId, carriesEntries, entryFields, mergeEntries, syncBoardEntry, type BoardDoc } from '../publish/board-doc'
import type { TxStore } from '../../core/store'
import type { Village } from '../../types/village'
import { creationId, createOnce, editOnce, recordEdit } from '../create-once'
import { changeVersioned } from '../versioned-change'
import { noticeReviewed, noticeSubmitted } from '../../core/notify'
import { draftAudience, Outbox } from '../notify/workflows'
import { openidView, viewNotice } from '../people-view'
import { keysetPage } from '../pagination'

const noticeTarget = async (input: { noticeId: string }, ctx: ActionContext) => {
  const notice = await getNotice(ctx.deps.store, input.noticeId)
  return { villageId: notice.villageId, townshipId: notice.townshipId }
}

/** Applies `change` to a notice in one transaction, with its audit entry; refuses stale versions. */
function transitionNotice(ctx: ActionContext, noticeId: string, action: string, change: (notice: Notice) => Partial<Notice>, expectedVersion?: number, requestId?: string): Promise<Notice> {
  return changeVersioned<Notice>(ctx, {
    entity: 'notice', id: noticeId, action, expectedVersion, requestId,
    load: getNotice,
    staleMessage: () => '该公告已被他人修改，请刷新后重试',
    next: (before) => ({ ...before, ...change(before) }),
    async write(tx, before, after) {
      await tx.patch('notices', noticeId, changedFields(before, after))
      // 整改完成 shows on the one-read public board at once.
      await syncBoardEntry(tx, after)
    },
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
    // Its reviewers are told in the draft's own transaction (looked up before it).
    const audience = await draftAudience(ctx.deps, notice)
    const submitted = noticeSubmitted(notice, audience.reviewers, audience.villageName)
    const outbox = new Outbox(ctx.deps)
    let created = false
    const create = () =>
      ctx.deps.store.transaction(async (tx) => {
        await tx.insert('notices', toDoc(notice))
        await appendAudit(tx, {
          townshipId: notice.townshipId, at: notice.createdAt, actor: openid, action: 'notice.draft',
          entity: 'notice', entityId: notice.id, before: null, after: notice, version: 1,
        })
        await outbox.inTx(tx, [submitted])
        created = true
        return notice
      })
    const drafted = await createOnce(ctx, 'notices', notice.id, create, getNotice)
    // A retry that found the first record finishes the messages its first call may have left owed.
    if (created) await outbox.afterCommit()
    else await outbox.finish([submitted])
    return viewNotice(await openidView(ctx), drafted)
  },
})

export const listDrafts = defineHandler('notice.listDrafts', {
  async target(input, ctx) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    return { villageId: village.id, townshipId: village.townshipId }
  },
  async handle(input, ctx) {
    const page = await keysetPage<Stored<Notice>>(ctx.deps.store, {
      collection: 'notices',
      where: input.status ? { villageId: input.villageId, status: input.status } : { villageId: input.villageId },
      key: 'createdAt', keyType: 'string', direction: 'desc', limit: input.limit, cursor: input.cursor,
    })
    const view = await openidView(ctx)
    return { items: page.docs.map((d) => viewNotice(view, toRecord<Notice>(d))), nextCursor: page.nextCursor }
  },
})

export const reviewNotice = defineHandler('notice.review', {
  target: noticeTarget,
  async handle(input, ctx) {
    const reviewer = callerOpenid(ctx)
    const village = await getVillage(ctx.deps.store, (await getNotice(ctx.deps.store, input.noticeId)).villageId)
    const outbox = new Outbox(ctx.deps)
    const action = `notice.${input.decision}`
    const outcome = await editOnce(ctx, action, input.requestId, () => ctx.deps.store.transaction(async (tx) => {
      const before = await getNotice(tx, input.noticeId)
      if (input.expectedVersion !== undefined && before.version !== input.expectedVersion) {
        throw new DomainError('CONFLICT', '该公告已被他人修改，请刷新后重试')
      }
      const reviewed: Notice = {
        ...before,
        status: reviewOutcome(before, reviewer, input.decision),
        reviewedBy: reviewer,
        reviewedAt: ctx.now.toISOString(),
        reviewComment: input.comment ?? null,
        version: before.version + 1,
      }
      const audit = (action: string, from: Notice, to: Notice, actor: string) =>
        appendAudit(tx, {
          townshipId: before.townshipId, at: ctx.now.toISOString(), actor, action,
          entity: 'notice', entityId: before.id, before: from, after: to, version: to.version,
        })
      await audit(`notice.${input.decision}`, before, reviewed, reviewer)
      // Approved after its day's 07:00 run: published now, in this same transaction, onto today's
      // board — so a failure leaves it pending (the secretary's retry works) or fully on the board.
      if (reviewed.status !== 'approved' || !isPublishDue(reviewed.publishDate, ctx.now)) {
        await tx.patch('notices', before.id, changedFields(before, reviewed))
        // Its drafter hears of the review, in the same transaction.
        await outbox.inTx(tx, [noticeReviewed(reviewed)])
        await recordEdit(tx, ctx, action, input.requestId, reviewed)
        return reviewed
      }
      const published: Notice = { ...reviewed, status: 'published', boardDate: ctx.today, version: reviewed.version + 1 }
      await audit('notice.publish', reviewed, published, 'system:publish')
      await tx.patch('notices', before.id, changedFields(before, published))
      await putOnBoardInTx(tx, village, ctx.today, published, ctx.now.toISOString())
      await outbox.inTx(tx, [noticeReviewed(published)])
      await recordEdit(tx, ctx, action, input.requestId, published)
      return published
    }))
    await outbox.afterCommit()
    return viewNotice(await openidView(ctx), outcome)
  },
})

/** Inside a transaction: `notice` onto the village's board of `date`, creating the board if the day's run has not yet. */
async function putOnBoardInTx(tx: TxStore, village: Village, date: string, notice: Notice, at: string): Promise<void> {
  const id = boardId(village.id, date)
  const board = await tx.get<BoardDoc>('boards', id)
  if (!board) {
    await tx.insert('boards', {
      _id: id, townshipId: village.townshipId, villageId: village.id, date, publishedAt: at, villageName: village.name,
      ...entryFields(mergeEntries([], [notice])), revision: 1,
    })
    return
  }
  if (!carriesEntries(board)) {
    // An old-shape board is read from the notices: only its count moves.
    const field = notice.kind === 'praise' ? 'praiseCount' : 'criticismCount'
    await tx.patch('boards', id, { [field]: board[field] + 1 })
    return
  }
  await tx.patch('boards', id, { ...entryFields(mergeEntries(board.entries, [notice])), revision: (board.revision ?? 0) + 1 })
}

export const markRectified = defineHandler('notice.markRectified', {
  target: noticeTarget,
  async handle(input, ctx) {
    const rectified = await editOnce(ctx, 'notice.markRectified', input.requestId, () => transitionNotice(ctx, input.noticeId, 'notice.markRectified', (notice) => {
      checkRectifiable(notice)
      return { rectifiedAt: ctx.now.toISOString() }
    }, undefined, input.requestId))
    return viewNotice(await openidView(ctx), rectified)
  },
})
