import type { Village } from '../../types/village'
import { DomainError, notFound } from '../../core/errors'
import { defineHandler, callerOpenid, type ActionContext } from '../action'
import { appendAudit } from '../audit'
import { creationId, createOnce, editOnce, recordEdit } from '../create-once'
import { getVillage, toDoc, toRecord, type Stored } from '../repository'
import { encodeCursor, keysetPage } from '../pagination'

type StoredVillage = Stored<Village> & { version?: number }

/** The township a caller works in when the payload names none: their own, else the deployment's default. */
export const callerTownship = (ctx: ActionContext, named?: string) => named ?? ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId

/**
 * The township's villages in order, archived ones left out. Villages stored before archiving
 * existed have no flag and are listed; the query cannot filter on a missing field, so pages are
 * filled by reading on past archived villages (a township has a few dozen villages at most).
 */
export const listVillages = defineHandler('village.list', {
  async handle(input, ctx) {
    const townshipId = input.townshipId ?? ctx.deps.defaultTownshipId
    const listed: StoredVillage[] = []
    let cursor = input.cursor
    let more = true
    while (more && listed.length <= input.limit) {
      const page = await keysetPage<StoredVillage>(ctx.deps.store, {
        collection: 'villages',
        where: { townshipId },
        key: 'order', keyType: 'number', direction: 'asc', limit: input.limit, cursor,
      })
      listed.push(...page.docs.filter((doc) => !doc.archived))
      more = page.nextCursor !== null
      cursor = page.nextCursor ?? undefined
    }
    const shown = listed.slice(0, input.limit)
    const last = shown[shown.length - 1]
    const hasMore = listed.length > input.limit || more
    return { items: shown.map(toVillage), nextCursor: hasMore && last ? encodeCursor(last.order, last._id) : null }
  },
})

const toVillage = (doc: StoredVillage): Village => {
  const { version: _version, ...rest } = doc
  return toRecord<Village>(rest)
}

async function requireTownship(ctx: ActionContext, townshipId: string): Promise<void> {
  if (!(await ctx.deps.store.get('townships', townshipId))) throw notFound('乡镇不存在')
}

/**
 * Changes villages in one transaction, each with its audit entry; with the `village.update`
 * request's id, marks it applied with its answer (the first village) in the same transaction.
 */
async function changeVillages(
  ctx: ActionContext,
  action: string,
  changes: Array<{ id: string; change: (v: StoredVillage) => Partial<StoredVillage> }>,
  requestId: string | undefined,
): Promise<Village[]> {
  return ctx.deps.store.transaction(async (tx) => {
    const out: Village[] = []
    for (const { id, change } of changes) {
      const before = await tx.get<StoredVillage>('villages', id)
      if (!before) throw notFound('村庄不存在')
      const version = (before.version ?? 0) + 1
      const fields = { ...change(before), version }
      const after = { ...before, ...fields }
      await tx.patch('villages', id, fields)
      await appendAudit(tx, {
        townshipId: before.townshipId, at: ctx.now.toISOString(), actor: callerOpenid(ctx), action,
        entity: 'village', entityId: id, before, after, version,
      })
      out.push(toVillage(after))
    }
    await recordEdit(tx, ctx, 'village.update', requestId, out[0])
    return out
  })
}

const changeVillage = async (ctx: ActionContext, id: string, action: string, change: (v: StoredVillage) => Partial<StoredVillage>, requestId: string | undefined) =>
  (await changeVillages(ctx, action, [{ id, change }], requestId))[0]

/** 增加村庄: a retry of the same request (same request id) answers the village it added. */
async function addVillage(ctx: ActionContext, input: { townshipId?: string; name: string; requestId?: string }): Promise<Village> {
  const townshipId = callerTownship(ctx, input.townshipId)
  await requireTownship(ctx, townshipId)
  const last = await ctx.deps.store.find<StoredVillage>('villages', { where: { townshipId }, orderBy: [['order', 'desc']], limit: 1 })
  const village: Village = { id: creationId(ctx, input.requestId), townshipId, name: input.name, order: (last[0]?.order ?? -1) + 1 }
  const create = () =>
    ctx.deps.store.transaction(async (tx) => {
      await tx.insert('villages', { ...toDoc(village), version: 1 })
      await appendAudit(tx, {
        townshipId, at: ctx.now.toISOString(), actor: callerOpenid(ctx), action: 'village.add',
        entity: 'village', entityId: village.id, before: null, after: village, version: 1,
      })
      return village
    })
  return createOnce(ctx, 'villages', village.id, create, async (tx, id) => getVillage(tx, id))
}

/** Swaps a village with its nearest listed neighbour up or down (at the end: unchanged). */
async function moveVillage(ctx: ActionContext, villageId: string, direction: 'up' | 'down', requestId: string | undefined): Promise<Village> {
  const village = await getVillage(ctx.deps.store, villageId)
  if (village.archived) throw new DomainError('CONFLICT', '该村已归档')
  const up = direction === 'up'
  // The nearest listed neighbour in that direction (archived ones are skipped over).
  let bound = village.order
  let neighbour: StoredVillage | undefined
  while (!neighbour) {
    const docs = await ctx.deps.store.find<StoredVillage>('villages', {
      where: { townshipId: village.townshipId, order: up ? { $lt: bound } : { $gt: bound } },
      orderBy: [['order', up ? 'desc' : 'asc']],
      limit: 20,
    })
    if (docs.length === 0) return village
    neighbour = docs.find((d) => !d.archived)
    bound = docs[docs.length - 1].order
  }
  const other = neighbour
  const stale = () => new DomainError('CONFLICT', '村庄顺序已被他人修改，请刷新后重试')
  // One transaction swaps both, so no list ever sees two villages at one place.
  const [moved] = await changeVillages(ctx, 'village.move', [
    { id: village.id, change: (v) => { if (v.order !== village.order) throw stale(); return { order: other.order } } },
    { id: other._id, change: (v) => { if (v.order !== other.order) throw stale(); return { order: village.order } } },
  ], requestId)
  return moved
}

/** 管理村庄: add, rename, reorder and archive the township's villages (admins only). */
export const updateVillage = defineHandler('village.update', {
  async target(input, ctx) {
    if (input.op === 'add') return { townshipId: callerTownship(ctx, input.townshipId) }
    const village = await getVillage(ctx.deps.store, input.villageId)
    return { townshipId: village.townshipId }
  },
  async handle(input, ctx) {
    if (input.op === 'add') return addVillage(ctx, input)
    // A rename, move or archive whose answer was lost is not applied again by its retry.
    return editOnce(ctx, 'village.update', input.requestId, async () => {
      switch (input.op) {
        case 'rename':
          return changeVillage(ctx, input.villageId, 'village.rename', () => ({ name: input.name }), input.requestId)
        case 'archive':
          return changeVillage(ctx, input.villageId, 'village.archive', () => ({ archived: true }), input.requestId)
        case 'move':
          return moveVillage(ctx, input.villageId, input.direction, input.requestId)
      }
    })
  },
})
