import type { ChecklistItem } from '../../types/checklist'
import { STAR_NAMES } from '../../types/roles'
import { ZMonth } from '../../types/catalogue'
import type { Person } from '../../core/caller'
import type { Where } from '../../core/store'
import { DomainError, invalidInput } from '../../core/errors'
import { checklistTransition, isOverdue, sortKeyOf, type ChecklistEvent } from '../../core/checklist-rules'
import { chinaMonth } from '../../core/time'
import { defineHandler, callerOpenid, type ActionContext } from '../action'
import { appendAudit } from '../audit'
import { checklistRecord, getChecklistItem, getLedgerEntry, getVillage, type Stored } from '../repository'
import { writeChecklistItems } from '../checklist-writes'
import { getPepper, openidOfRef, personRef } from '../secrets'
import { openidView } from '../people-view'
import { creationId, createOnce, editOnce } from '../create-once'
import { changeVersioned } from '../versioned-change'
import { checkPhotos } from './ledger'
import { parseStarCell, readImportRows } from '../xlsx'

const OWNER_ROLES = ['cadre', 'secretary'] as const
const MAX_IMPORT_ROWS = 300

/** Whether `person` is one of the village's people an item may be assigned to (a cadre or its secretary). */
export const isVillageOfficer = (person: Person | null, villageId: string) =>
  !!person && person.grants.some((g) => (OWNER_ROLES as readonly string[]).includes(g.role) && 'villageId' in g && g.villageId === villageId)

/** The owner named by id or by role.list's ref (exactly one of them). */
export async function ownerOf(ctx: ActionContext, input: { ownerId?: string; ownerRef?: string }, villageId: string): Promise<Person> {
  if (!!input.ownerId === !!input.ownerRef) throw invalidInput('请选择责任人', 'ownerId')
  if (input.ownerId) return requireOwner(ctx, input.ownerId, villageId)
  const openid = openidOfRef(await getPepper(ctx.deps), input.ownerRef!)
  if (!openid) throw invalidInput('责任人编号不正确', 'ownerRef')
  return requireOwner(ctx, openid, villageId)
}

async function requireOwner(ctx: ActionContext, ownerId: string, villageId: string): Promise<Person> {
  const person = await ctx.deps.store.get<Person>('people', ownerId)
  if (!person || !isVillageOfficer(person, villageId)) throw invalidInput('责任人须为本村村干部或党支部书记', 'ownerId')
  return person
}

const villageTarget = async (input: { villageId: string }, ctx: ActionContext) => ({
  villageId: input.villageId,
  townshipId: (await getVillage(ctx.deps.store, input.villageId)).townshipId,
})

const itemTarget = async (input: { itemId: string }, ctx: ActionContext) => {
  const item = await getChecklistItem(ctx.deps.store, input.itemId)
  return { villageId: item.villageId, townshipId: item.townshipId }
}

export function newItem(ctx: ActionContext, id: string, fields: { townshipId: string; villageId: string; star: ChecklistItem['star']; criterionId: string | null; text: string; owner: Person; dueMonth: string }): ChecklistItem {
  const at = ctx.now.toISOString()
  return {
    id, townshipId: fields.townshipId, villageId: fields.villageId, star: fields.star, criterionId: fields.criterionId, text: fields.text,
    ownerId: fields.owner._id, ownerName: fields.owner.name, dueMonth: fields.dueMonth, sortKey: sortKeyOf(fields.dueMonth, id),
    status: 'open', evidence: null, reviewComment: null, createdBy: callerOpenid(ctx), createdAt: at, updatedAt: at, version: 1,
  }
}

/** Writes a change of an item with its tallies and audit in one transaction; refuses stale versions. */
function transitionItem(ctx: ActionContext, itemId: string, action: string, change: (item: ChecklistItem) => Partial<ChecklistItem>, expectedVersion?: number, requestId?: string): Promise<ChecklistItem> {
  return changeVersioned<ChecklistItem>(ctx, {
    entity: 'checklist', id: itemId, action, expectedVersion, requestId,
    load: getChecklistItem,
    staleMessage: () => '该事项已被他人修改，请刷新后重试',
    next(before) {
      const after = { ...before, ...change(before), updatedAt: ctx.now.toISOString() }
      return { ...after, sortKey: sortKeyOf(after.dueMonth, after.id) }
    },
    write: (tx, before, after) => writeChecklistItems(tx, [{ before, after }]),
  })
}

export const createChecklistItem = defineHandler('checklist.create', {
  target: villageTarget,
  async handle(input, ctx) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    const owner = await ownerOf(ctx, input, village.id)
    const item = newItem(ctx, creationId(ctx, input.requestId), { ...input, townshipId: village.townshipId, villageId: village.id, owner })
    const create = () =>
      ctx.deps.store.transaction(async (tx) => {
        await writeChecklistItems(tx, [{ before: null, after: item }])
        await appendAudit(tx, { townshipId: item.townshipId, at: item.createdAt, actor: item.createdBy, action: 'checklist.create', entity: 'checklist', entityId: item.id, before: null, after: item, version: 1 })
        return item
      })
    return createOnce(ctx, 'checklist', item.id, create, getChecklistItem)
  },
})

export const importChecklist = defineHandler('checklist.import', {
  target: villageTarget,
  async handle(input, ctx) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    let rows
    try {
      rows = await readImportRows(Buffer.from(input.fileBase64, 'base64'))
    } catch {
      throw invalidInput('无法读取该文件，请使用下载的模板（.xlsx）填写', 'fileBase64')
    }
    if (rows.length === 0) throw invalidInput('表格中没有数据行（第 2 行起填写）', 'fileBase64')
    if (rows.length > MAX_IMPORT_ROWS) throw invalidInput(`一次最多导入 ${MAX_IMPORT_ROWS} 条`, 'fileBase64')
    // The village's people an item may be assigned to, matched by name.
    const people = (await ctx.deps.store.find<Person>('people', { where: { villageId: village.id }, limit: 500 })).filter((p) => isVillageOfficer(p, village.id))
    const issues: Array<{ path: string; message: string }> = []
    const parsed = rows.map((row) => {
      const problems: string[] = []
      const star = parseStarCell(row.star)
      if (star === undefined) problems.push(`星级“${row.star}”不正确（应为${Object.values(STAR_NAMES).join('、')}或留空）`)
      if (row.text.length < 2 || row.text.length > 200) problems.push('清单内容应为 2–200 个字')
      const owners = people.filter((p) => p.name === row.owner)
      if (!row.owner) problems.push('未填写责任人')
      else if (owners.length === 0) problems.push(`责任人“${row.owner}”不是本村村干部或书记`)
      else if (owners.length > 1) problems.push(`责任人“${row.owner}”重名，请在系统中逐条指定`)
      if (!ZMonth.safeParse(row.due).success) problems.push(`完成时限“${row.due}”应为 YYYY-MM`)
      if (problems.length) issues.push({ path: `第${row.row}行`, message: problems.join('；') })
      return { row, star: star ?? null, owner: owners[0] }
    })
    if (issues.length) {
      throw new DomainError('INVALID_INPUT', `导入失败，未写入任何内容：${issues.slice(0, 10).map((i) => `${i.path}：${i.message}`).join('；')}`, issues.slice(0, 50))
    }
    const base = creationId(ctx, input.requestId)
    const items = parsed.map((p) =>
      newItem(ctx, `${base}r${p.row.row}`, { townshipId: village.townshipId, villageId: village.id, star: p.star, criterionId: null, text: p.row.text, owner: p.owner!, dueMonth: p.row.due }),
    )
    const create = () =>
      ctx.deps.store.transaction(async (tx) => {
        await writeChecklistItems(tx, items.map((item) => ({ before: null, after: item })))
        await appendAudit(tx, {
          townshipId: village.townshipId, at: ctx.now.toISOString(), actor: callerOpenid(ctx), action: 'checklist.import', entity: 'checklist-import',
          entityId: base, before: null, after: { villageId: village.id, itemIds: items.map((i) => i.id) }, version: 1,
        })
        return { created: items.length }
      })
    return createOnce(ctx, 'checklist', items[0].id, create, async () => ({ created: items.length }))
  },
})

export const updateChecklistItem = defineHandler('checklist.update', {
  target: itemTarget,
  handle: (input, ctx) => editOnce(ctx, 'checklist.update', input.requestId, async () => {
    const current = await getChecklistItem(ctx.deps.store, input.itemId)
    const owner = input.ownerId && input.ownerId !== current.ownerId ? await requireOwner(ctx, input.ownerId, current.villageId) : null
    return transitionItem(ctx, input.itemId, 'checklist.update', (item) => {
      let status = checklistTransition(item.status, 'edit')
      if (input.status && input.status !== item.status) status = checklistTransition(item.status, (input.status === 'in_progress' ? 'start' : 'pause') as ChecklistEvent)
      return {
        status,
        ...(input.text ? { text: input.text } : {}),
        ...(input.dueMonth ? { dueMonth: input.dueMonth } : {}),
        ...(owner ? { ownerId: owner._id, ownerName: owner.name } : {}),
      }
    }, input.expectedVersion, input.requestId)
  }),
})

export const closeChecklistItem = defineHandler('checklist.close', {
  target: itemTarget,
  handle: (input, ctx) => editOnce(ctx, 'checklist.close', input.requestId, async () => {
    const current = await getChecklistItem(ctx.deps.store, input.itemId)
    checkPhotos(ctx, input.photos)
    if (input.ledgerEntryId) {
      const entry = await getLedgerEntry(ctx.deps.store, input.ledgerEntryId)
      if (entry.villageId !== current.villageId) throw invalidInput('关联的台账不属于本村', 'ledgerEntryId')
    }
    return transitionItem(ctx, input.itemId, 'checklist.close', (item) => ({
      status: checklistTransition(item.status, 'close'),
      evidence: { ledgerEntryId: input.ledgerEntryId ?? null, photos: input.photos, note: input.note ?? null, at: ctx.now.toISOString(), by: callerOpenid(ctx) },
      reviewComment: null,
    }), input.expectedVersion, input.requestId)
  }),
})

export const reviewChecklistItem = defineHandler('checklist.review', {
  // A star's item is reviewed by that star's task force; a village-wide item by the village's secretary.
  async target(input, ctx) {
    const item = await getChecklistItem(ctx.deps.store, input.itemId)
    return item.star ? { townshipId: item.townshipId, star: item.star } : { townshipId: item.townshipId, villageId: item.villageId }
  },
  async handle(input, ctx) {
    const action = `checklist.${input.decision}`
    return editOnce(ctx, action, input.requestId, () => transitionItem(ctx, input.itemId, action, (item) => ({
      status: checklistTransition(item.status, input.decision),
      reviewComment: input.comment ?? null,
    }), input.expectedVersion, input.requestId))
  },
})

/** The where of a checklist page: the village and at most one filter, each served by a declared index. */
export function checklistWhere(input: { villageId: string; star?: number; ownerId?: string; status?: string; mine?: boolean }, me: string | null, currentMonth: string): Where {
  const filters = [input.star !== undefined, !!input.ownerId, !!input.status, !!input.mine].filter(Boolean).length
  if (filters > 1) throw invalidInput('一次只能按星级、责任人、状态或“我本月到期”中的一项筛选')
  const where: Where = { villageId: input.villageId }
  if (input.star !== undefined) where.star = input.star
  if (input.ownerId) where.ownerId = input.ownerId
  if (input.mine) {
    if (!me) throw invalidInput('请先登录')
    where.ownerId = me
    where.sortKey = { $gte: `${currentMonth}_`, $lt: `${currentMonth}\`` }
  }
  if (input.status === 'overdue') {
    where.status = { $in: ['open', 'in_progress', 'awaiting'] }
    where.sortKey = { $lt: `${currentMonth}_` }
  } else if (input.status) where.status = input.status
  return where
}

export async function listChecklistPage(ctx: ActionContext, input: Parameters<typeof checklistWhere>[0] & { cursor?: string; limit: number }) {
  const currentMonth = chinaMonth(ctx.now)
  const where = checklistWhere(input, ctx.caller.openid, currentMonth)
  if (input.cursor) {
    const range = (where.sortKey ?? {}) as Record<string, string>
    where.sortKey = { ...range, $gt: input.cursor }
  }
  const docs = await ctx.deps.store.find<Stored<ChecklistItem>>('checklist', { where, orderBy: [['sortKey', 'asc']], limit: input.limit + 1 })
  const items = docs.slice(0, input.limit).map(checklistRecord)
  const ownerIds = [...new Set(items.map((i) => i.ownerId))]
  const owners = new Map(await Promise.all(ownerIds.map(async (id) => [id, await ctx.deps.store.get<Person>('people', id)] as const)))
  return {
    items: items.map((item) => ({
      ...item,
      overdue: isOverdue(item, currentMonth),
      unowned: item.status !== 'done' && !isVillageOfficer(owners.get(item.ownerId) ?? null, item.villageId),
    })),
    nextCursor: docs.length > input.limit ? items[items.length - 1].sortKey : null,
  }
}

export const listChecklist = defineHandler('checklist.list', {
  target: villageTarget,
  async handle(input, ctx) {
    const page = await listChecklistPage(ctx, input)
    // Other people's OPENIDs only to admins (as role.list); the ref lets a cadre assign the owner again.
    const [view, pepper] = await Promise.all([openidView(ctx), getPepper(ctx.deps)])
    return {
      ...page,
      items: page.items.map((item) => ({
        ...item,
        ownerRef: personRef(pepper, item.ownerId),
        ownerId: view(item.ownerId),
        createdBy: view(item.createdBy),
        evidence: item.evidence ? { ...item.evidence, by: view(item.evidence.by) } : null,
      })),
    }
  },
})
