import type { Award } from '../../types/award'
import type { Notice } from '../../types/notice'
import type { TxStore } from '../../core/store'
import { DomainError, invalidInput, notFound } from '../../core/errors'
import { awardBoardDate, awardDecided, awardNominated, confirmOutcome, mergeAwards, nominationOf, nominationTexts, toBoardAward } from '../../core/award-rules'
import { holdsVillageRole } from '../../core/permissions'
import { effectiveGrants } from '../../core/caller'
import { defineHandler, callerName, callerOpenid, type ActionContext } from '../action'
import { appendAudit } from '../audit'
import { changedFields, getVillage, toDoc, toRecord, type Stored } from '../repository'
import { creationId, createOnce, editOnce } from '../create-once'
import { changeVersioned } from '../versioned-change'
import { openidView } from '../people-view'
import { boardId, type BoardDoc } from '../publish/board-doc'
import { draftAudience, Outbox } from '../notify/workflows'

export async function getAward(store: TxStore, id: string): Promise<Award> {
  const doc = await store.get<Stored<Award>>('awards', id)
  if (!doc) throw notFound('评选记录不存在')
  return toRecord<Award>(doc)
}

type View = Awaited<ReturnType<typeof openidView>>
const viewAward = (view: View, a: Award): Award => ({ ...a, nominatedBy: view(a.nominatedBy), decidedBy: view(a.decidedBy) })

/** 评选提名: a cadre picks a person or a 组 from the week's approved praise (or a 五好家庭 for the year). */
export const nominateAward = defineHandler('award.nominate', {
  target: (input) => ({ villageId: input.villageId }),
  async handle(input, ctx) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    if (village.archived) throw new DomainError('CONFLICT', '该村已归档，不能再评选')
    let notice: Notice | null = null
    if (input.noticeId) {
      const doc = await ctx.deps.store.get<Stored<Notice>>('notices', input.noticeId)
      if (!doc) throw invalidInput('公告不存在', 'noticeId')
      notice = toRecord<Notice>(doc)
    }
    const nomination = nominationOf(input, notice, ctx.today)
    const openid = callerOpenid(ctx)
    const texts = nominationTexts(input)
    if (texts) {
      const judgement = await ctx.deps.contentCheck.check(texts, openid)
      if (judgement.verdict !== 'pass') {
        const why = judgement.reason ? `内容未通过检测（${judgement.reason}）` : '内容未通过安全检测'
        throw new DomainError('CONTENT_REJECTED', `${why}，请修改后再提交`)
      }
    }
    const id = creationId(ctx, input.requestId)
    const at = ctx.now.toISOString()
    const award: Award = {
      id, townshipId: village.townshipId, villageId: village.id, kind: input.kind,
      week: nomination.week, year: nomination.year, noticeId: notice?.id ?? null,
      subject: nomination.subject, group: nomination.group, label: nomination.label, reason: nomination.reason,
      prize: input.prize ?? null, status: 'nominated',
      nominatedBy: openid, nominatedByName: callerName(ctx), nominatedAt: at,
      decidedBy: null, decidedByName: null, decidedAt: null, boardDate: null,
      sortKey: `${at}_${id}`, version: 1,
    }
    // Its confirmers hear of it in its own transaction (looked up before it). Four eyes, like a
    // criticism: when the nominator is the only secretary, the township's leaders are asked.
    const audience = await draftAudience(ctx.deps, { kind: 'criticism', draftedBy: openid, villageId: village.id, townshipId: village.townshipId })
    const message = awardNominated(award, audience.reviewers, audience.villageName)
    const outbox = new Outbox(ctx.deps)
    let fresh = false
    const created = await createOnce(
      ctx, 'awards', id,
      () =>
        ctx.deps.store.transaction(async (tx) => {
          await tx.insert('awards', toDoc(award))
          await appendAudit(tx, {
            townshipId: award.townshipId, at, actor: openid, action: 'award.nominate',
            entity: 'award', entityId: id, before: null, after: award, version: 1,
          })
          await outbox.inTx(tx, [message])
          fresh = true
          return award
        }),
      getAward,
    )
    if (fresh) await outbox.afterCommit()
    else await outbox.finish([message])
    return viewAward(await openidView(ctx), created)
  },
})

/**
 * Inside the confirming transaction: onto the board of its day if that board is already out (the
 * daily run puts it on boards it creates later: backend/publish/publish-due.ts).
 */
async function putAwardOnPublishedBoard(tx: TxStore, award: Award): Promise<void> {
  if (!award.boardDate) return
  const board = await tx.get<BoardDoc>('boards', boardId(award.villageId, award.boardDate))
  if (!board) return
  await tx.patch('boards', board._id, { awards: mergeAwards(board.awards ?? [], [toBoardAward(award)]), revision: (board.revision ?? 0) + 1 })
}

/** 确认: the village's secretary (or a leader), never the nominator; a confirmed award goes on the next day's board. */
export const confirmAward = defineHandler('award.confirm', {
  async target(input, ctx) {
    const award = await getAward(ctx.deps.store, input.awardId)
    return { villageId: award.villageId, townshipId: award.townshipId }
  },
  async handle(input, ctx) {
    const decider = callerOpenid(ctx)
    const action = `award.${input.decision}`
    // A retry after a lost answer (same request id) answers the first decision, not "已处理".
    const after = await editOnce(ctx, action, input.requestId, () => changeVersioned<Award>(ctx, {
      entity: 'award', id: input.awardId, action, expectedVersion: input.expectedVersion, requestId: input.requestId,
      load: getAward,
      staleMessage: () => '该评选已被他人处理，请刷新后重试',
      next(before) {
        const status = confirmOutcome(before, decider, input.decision)
        return {
          ...before, status, decidedBy: decider, decidedByName: callerName(ctx), decidedAt: ctx.now.toISOString(),
          boardDate: status === 'confirmed' ? awardBoardDate(ctx.today) : null,
        }
      },
      async write(tx, before, next) {
        await tx.patch('awards', before.id, changedFields(before, next))
        if (next.status === 'confirmed') await putAwardOnPublishedBoard(tx, next)
      },
      notify: (next) => [awardDecided(next)],
    }))
    return viewAward(await openidView(ctx), after)
  },
})

/** Whether the caller sees a village's nominations too (its cadres, the township's leaders), not only confirmed awards. */
function seesNominations(ctx: ActionContext, villageId: string, townshipId: string): boolean {
  if (holdsVillageRole(ctx.caller, ['cadre', 'secretary'], villageId)) return true
  return ctx.caller.person?.townshipId === townshipId && effectiveGrants(ctx.caller.person).some((g) => g.role === 'leader')
}

/** A village's awards of a year, newest first: the public sees confirmed ones; its cadres also the nominations. */
export const listAwards = defineHandler('award.list', {
  async handle(input, ctx) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    const internal = seesNominations(ctx, village.id, village.townshipId)
    const where: Record<string, unknown> = { villageId: village.id, year: input.year }
    if (input.kind) where.kind = input.kind
    if (!internal) where.status = 'confirmed'
    if (input.cursor) where.sortKey = { $lt: input.cursor }
    const docs = await ctx.deps.store.find<Stored<Award>>('awards', { where: where as never, orderBy: [['sortKey', 'desc']], limit: input.limit + 1 })
    const view = await openidView(ctx)
    const items = docs.slice(0, input.limit).map((d) => viewAward(view, toRecord<Award>(d)))
    return { items, nextCursor: docs.length > input.limit ? items[items.length - 1].sortKey : null }
  },
})
