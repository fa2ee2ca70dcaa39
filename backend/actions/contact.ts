import type { Village } from '../../types/village'
import type { Contact } from '../../types/contact'
import type { Person } from '../../core/caller'
import type { DocumentStore } from '../../core/store'
import { DomainError, invalidInput } from '../../core/errors'
import { defineHandler, callerOpenid, type ActionContext } from '../action'
import { appendAudit } from '../audit'
import { editOnce, recordEdit } from '../create-once'
import { getPepper, openidOfRef } from '../secrets'
import { getPerson, getVillage, type Stored } from '../repository'
import { attendanceByLeader, type AttendanceYear } from '../../core/attendance'

/** A village's 联系村 record of a year as stored in `contacts` (ids kept server-side, only names answered). */
export interface ContactDoc {
  _id: string
  townshipId: string
  villageId: string
  year: number
  leaderId: string
  leaderName: string
  unit: string
  firstSecretaryId: string | null
  firstSecretaryName: string | null
  firstSecretaryUnit: string | null
  updatedAt: string
  updatedBy: string
  version: number
}

export const contactId = (villageId: string, year: number) => `${villageId}_${year}`

const isAdmin = (ctx: ActionContext) => !!ctx.caller.deploymentAdmin || !!ctx.caller.person?.grants.some((g) => g.role === 'admin')

/** The person behind a handle from role.list; an admin (who sees OPENIDs) may also name them by id. */
async function personOf(ctx: ActionContext, ref: string, field: string): Promise<Person> {
  const openid = openidOfRef(await getPepper(ctx.deps), ref) ?? (isAdmin(ctx) ? ref : null)
  const person = openid ? await getPerson(ctx.deps.store, openid) : null
  if (!person) throw invalidInput('所选人员不存在，请从人员名单中选择', field)
  return person
}

const view = (doc: ContactDoc, villageName: string, ctx: ActionContext): Contact => ({
  villageId: doc.villageId, villageName, townshipId: doc.townshipId, year: doc.year, leaderName: doc.leaderName, unit: doc.unit,
  firstSecretaryName: doc.firstSecretaryName, firstSecretaryUnit: doc.firstSecretaryUnit,
  mine: !!ctx.caller.openid && doc.leaderId === ctx.caller.openid, updatedAt: doc.updatedAt, version: doc.version,
})

/**
 * 建立科级领导干部联系指导行政村制度: records a village's contact leader (a 镇领导 of its township),
 * its 市直 sponsoring unit and its 第一书记 (a cadre of the village, with the unit that sent them).
 * One record per village and year, versioned and audited.
 */
export const setContact = defineHandler('contact.set', {
  target: async (input, ctx) => ({ villageId: input.villageId, townshipId: (await getVillage(ctx.deps.store, input.villageId)).townshipId }),
  handle: (input, ctx) => editOnce(ctx, 'contact.set', input.requestId, async () => {
    const village = await getVillage(ctx.deps.store, input.villageId)
    const leader = await personOf(ctx, input.leaderRef, 'leaderRef')
    if (leader.townshipId !== village.townshipId || !leader.grants.some((g) => g.role === 'leader')) throw invalidInput('联系领导须是本镇的镇领导', 'leaderRef')
    const secretary = input.firstSecretaryRef ? await personOf(ctx, input.firstSecretaryRef, 'firstSecretaryRef') : null
    if (secretary && !secretary.grants.some((g) => g.role === 'cadre' && g.villageId === village.id)) throw invalidInput('第一书记须是本村的村干部', 'firstSecretaryRef')
    const id = contactId(village.id, input.year)
    const at = ctx.now.toISOString()
    const actor = callerOpenid(ctx)
    return ctx.deps.store.transaction(async (tx) => {
      const before = await tx.get<ContactDoc>('contacts', id)
      if (input.expectedVersion !== undefined && (before?.version ?? 0) !== input.expectedVersion) throw new DomainError('CONFLICT', '联系村信息已被他人修改，请刷新后重试')
      const after: ContactDoc = {
        _id: id, townshipId: village.townshipId, villageId: village.id, year: input.year,
        leaderId: leader._id, leaderName: leader.name, unit: input.unit,
        firstSecretaryId: secretary?._id ?? null, firstSecretaryName: secretary?.name ?? null, firstSecretaryUnit: secretary ? input.firstSecretaryUnit : null,
        updatedAt: at, updatedBy: actor, version: (before?.version ?? 0) + 1,
      }
      const { _id, ...fields } = after
      if (before) await tx.patch('contacts', id, fields)
      else await tx.insert('contacts', { ...after })
      await appendAudit(tx, { townshipId: village.townshipId, at, actor, action: 'contact.set', entity: 'contact', entityId: id, before, after, version: after.version })
      const answer = view(after, village.name, ctx)
      await recordEdit(tx, ctx, 'contact.set', input.requestId, answer)
      return answer
    })
  }),
})

/** The township's contact records of a year (one query); a leader's own villages (我的联系村) come first. */
export async function contactsOf(store: DocumentStore, townshipId: string, year: number): Promise<ContactDoc[]> {
  return store.find<ContactDoc>('contacts', { where: { townshipId, year }, orderBy: [['villageId', 'asc']], limit: 1000 })
}

/** The villages a leader answers for in a year (我的联系村), for lists that show them first. */
export async function villagesOfLeader(store: DocumentStore, openid: string | null, year: number): Promise<Set<string>> {
  if (!openid) return new Set()
  const docs = await store.find<ContactDoc>('contacts', { where: { leaderId: openid, year }, limit: 1000 })
  return new Set(docs.map((d) => d.villageId))
}

/**
 * Open to anyone: who answers for a village is public duty (the article's 公示 of contact leaders and
 * 第一书记), and villagers should know whom to turn to. Only names and units are answered, never ids.
 */
export const listContacts = defineHandler('contact.list', {
  async handle(input, ctx) {
    if (input.villageId) {
      const village = await getVillage(ctx.deps.store, input.villageId)
      const doc = await ctx.deps.store.get<ContactDoc>('contacts', contactId(village.id, input.year))
      return { items: doc ? [view(doc, village.name, ctx)] : [] }
    }
    const townshipId = input.townshipId ?? ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId
    const [docs, villages] = await Promise.all([
      contactsOf(ctx.deps.store, townshipId, input.year),
      ctx.deps.store.find<Stored<Village>>('villages', { where: { townshipId }, orderBy: [['order', 'asc']], limit: 1000 }),
    ])
    const village = new Map(villages.map((v) => [v._id, v]))
    const items = docs.filter((d) => village.has(d.villageId)).map((d) => view(d, village.get(d.villageId)!.name, ctx))
    const order = (c: Contact) => village.get(c.villageId)?.order ?? 0
    items.sort((a, b) => Number(b.mine) - Number(a.mine) || order(a) - order(b))
    return { items }
  },
})

/**
 * 督导看板's attendance of the contact leaders at their villages' 主题党日 and 组织生活会, per quarter:
 * two reads (the year's contact records and attendance summaries), whatever the size of the ledgers.
 */
export const contactAttendance = defineHandler('contact.attendance', {
  target: (_input, ctx) => ({ townshipId: ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId }),
  async handle(input, ctx) {
    const townshipId = ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId
    const [contacts, summaries, villages] = await Promise.all([
      contactsOf(ctx.deps.store, townshipId, input.year),
      ctx.deps.store.find<AttendanceYear>('attendance', { where: { townshipId, year: input.year }, limit: 1000 }),
      ctx.deps.store.find<Stored<Village>>('villages', { where: { townshipId }, orderBy: [['order', 'asc']], limit: 1000 }),
    ])
    const names = new Map(villages.map((v) => [v._id, v.name]))
    const attended = attendanceByLeader(summaries)
    const leaders = new Map<string, { name: string; villages: string[] }>()
    for (const c of contacts) {
      const l = leaders.get(c.leaderId) ?? { name: c.leaderName, villages: [] }
      l.villages.push(names.get(c.villageId) ?? c.villageId)
      leaders.set(c.leaderId, l)
    }
    // A leader recorded at a village they no longer answer for still shows.
    for (const [id, a] of attended) if (!leaders.has(id)) leaders.set(id, { name: a.name, villages: [] })
    const items = [...leaders.entries()].map(([id, l]) => ({
      leaderName: l.name, villages: l.villages, quarters: attended.get(id)?.quarters ?? [0, 0, 0, 0], mine: id === ctx.caller.openid,
    }))
    items.sort((a, b) => Number(b.mine) - Number(a.mine) || b.villages.length - a.villages.length)
    return { items }
  },
})
