import type { Notice } from '../../types/notice'
import type { Objection } from '../../types/objection'
import { DomainError } from '../../core/errors'
import { checkObjectable, checkObjectionDecider } from '../../core/notice-rules'
import { defineHandler, callerOpenid, type ActionContext } from '../action'
import { appendAudit } from '../audit'
import { editOnce, recordEdit } from '../create-once'
import { syncBoardEntry } from '../publish/board-doc'
import { keysetPage } from '../pagination'
import { changedFields, getNotice, getObjection, objectionRecord, toDoc, toRecord, type Stored } from '../repository'
import { objectionDecided, objectionFiled } from '../../core/notify'
import { objectionAudience, Outbox } from '../notify/workflows'
import { openidView, viewNotice, viewObjection } from '../people-view'
import { getPepper } from '../secrets'
import { createHmac } from 'node:crypto'

/**
 * One objection per person and criticism: the id says so, and a repeat is a CONFLICT. The id names
 * the person by a keyed hash, not their OPENID (secretaries see objection ids); objections stored
 * before that carry `<noticeId>_<openid>` and still count as the person's.
 */
const objectionId = (noticeId: string, personKey: string) => `${noticeId}_${personKey}`
const personKey = (pepper: string, openid: string) => createHmac('sha256', pepper).update(`objector\n${openid}`).digest('hex').slice(0, 24)

export const createObjection = defineHandler('objection.create', {
  async target(input, ctx) {
    const notice = await getNotice(ctx.deps.store, input.noticeId)
    return { villageId: notice.villageId }
  },
  async handle(input, ctx) {
    const openid = callerOpenid(ctx)
    const at = ctx.now.toISOString()
    const pepper = await getPepper(ctx.deps)
    // The village's secretaries are told in the objection's own transaction (looked up before it).
    const audience = await objectionAudience(ctx.deps, await getNotice(ctx.deps.store, input.noticeId))
    const outbox = new Outbox(ctx.deps)
    let repeated = false
    const created = await ctx.deps.store.transaction(async (tx) => {
      repeated = false
      const notice = await getNotice(tx, input.noticeId)
      checkObjectable(notice, ctx.today)
      const id = objectionId(notice.id, personKey(pepper, openid))
      const existing = await tx.get<Stored<Objection> & { requestId?: string }>('objections', id)
      if (existing) {
        // The same submission again (its answer was lost): the first objection, not a second one.
        if (input.requestId && existing.requestId === input.requestId) {
          repeated = true
          return objectionRecord(existing)
        }
        throw new DomainError('CONFLICT', '您已对该内容提出过申诉，请等待村党支部书记处理')
      }
      // Objections stored before ids were keyed by a hash carry the objector's OPENID and still count as theirs.
      if (await tx.get('objections', objectionId(notice.id, openid))) throw new DomainError('CONFLICT', '您已对该内容提出过申诉，请等待村党支部书记处理')
      const objection: Objection = {
        id, townshipId: notice.townshipId, villageId: notice.villageId, noticeId: notice.id, openid,
        reason: input.reason, status: 'open', createdAt: at, decidedBy: null, decidedAt: null, version: 1,
      }
      await tx.insert('objections', { ...toDoc(objection), ...(input.requestId ? { requestId: input.requestId } : {}) })
      const after: Notice = { ...notice, openObjections: notice.openObjections + 1, version: notice.version + 1 }
      await tx.patch('notices', notice.id, changedFields(notice, after))
      await appendAudit(tx, { townshipId: notice.townshipId, at, actor: openid, action: 'objection.create', entity: 'objection', entityId: id, before: null, after: objection, version: 1 })
      await appendAudit(tx, { townshipId: notice.townshipId, at, actor: openid, action: 'objection.create', entity: 'notice', entityId: notice.id, before: notice, after, version: after.version })
      await syncBoardEntry(tx, after)
      await outbox.inTx(tx, [objectionFiled(objection, audience.secretaries, audience.villageName)])
      return objection
    })
    // A retry that found the first objection finishes the messages its first call may have left owed.
    if (repeated) await outbox.finish([objectionFiled(created, audience.secretaries, audience.villageName)])
    else await outbox.afterCommit()
    return viewObjection(await openidView(ctx), created)
  },
})

export const listOpenObjections = defineHandler('objection.listOpen', {
  target: (input) => ({ villageId: input.villageId }),
  async handle(input, ctx) {
    const { docs, nextCursor } = await keysetPage<Stored<Objection>>(ctx.deps.store, {
      collection: 'objections',
      where: { villageId: input.villageId, status: 'open' },
      key: 'createdAt', keyType: 'string', direction: 'desc', limit: input.limit, cursor: input.cursor,
    })
    const page = docs.map((d) => objectionRecord(d))
    // One query for the page's notices, not one read per objection (each read is a round trip in the cloud).
    const noticeIds = [...new Set(page.map((o) => o.noticeId))]
    const notices = noticeIds.length
      ? await ctx.deps.store.find<Stored<Notice>>('notices', { where: { _id: { $in: noticeIds } }, limit: noticeIds.length })
      : []
    const byId = new Map(notices.map((d) => [d._id, toRecord<Notice>(d)]))
    const items = page.flatMap((o) => {
      const notice = byId.get(o.noticeId)
      return notice ? [{ ...o, notice }] : []
    })
    const view = await openidView(ctx)
    return { items: items.map((o) => viewObjection(view, { ...o, notice: viewNotice(view, o.notice) })), nextCursor }
  },
})

async function objectionTarget(input: { objectionId: string }, ctx: ActionContext) {
  const objection = await getObjection(ctx.deps.store, input.objectionId)
  return { villageId: objection.villageId }
}

/** The secretary decides: uphold takes the criticism down for good, dismiss puts it back on the board. */
export const decideObjection = defineHandler('objection.decide', {
  target: objectionTarget,
  async handle(input, ctx) {
    const actor = callerOpenid(ctx)
    const at = ctx.now.toISOString()
    const outbox = new Outbox(ctx.deps)
    const action = `objection.${input.decision}`
    const decided = await editOnce(ctx, action, input.requestId, () => ctx.deps.store.transaction(async (tx) => {
      const objection = await getObjection(tx, input.objectionId)
      if (objection.status !== 'open') throw new DomainError('CONFLICT', '该申诉已处理，请刷新后查看')
      checkObjectionDecider(objection, actor)
      const notice = await getNotice(tx, objection.noticeId)
      const decided: Objection = {
        ...objection, status: input.decision === 'uphold' ? 'upheld' : 'dismissed', decidedBy: actor, decidedAt: at, version: objection.version + 1,
      }
      const after: Notice = {
        ...notice,
        status: input.decision === 'uphold' ? 'withdrawn' : notice.status,
        openObjections: Math.max(0, notice.openObjections - 1),
        version: notice.version + 1,
      }
      await tx.patch('objections', objection.id, changedFields(objection, decided))
      await tx.patch('notices', notice.id, changedFields(notice, after))
      await appendAudit(tx, { townshipId: notice.townshipId, at, actor, action: `objection.${input.decision}`, entity: 'objection', entityId: objection.id, before: objection, after: decided, version: decided.version })
      await appendAudit(tx, { townshipId: notice.townshipId, at, actor, action: `objection.${input.decision}`, entity: 'notice', entityId: notice.id, before: notice, after, version: after.version })
      await syncBoardEntry(tx, after)
      // The villager who objected hears of the decision, in the same transaction.
      await outbox.inTx(tx, [objectionDecided(decided)])
      await recordEdit(tx, ctx, action, input.requestId, decided)
      return decided
    }))
    await outbox.afterCommit()
    return viewObjection(await openidView(ctx), decided)
  },
})
