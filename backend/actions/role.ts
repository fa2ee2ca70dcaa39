import { scanTownship, syncRoleDirectoryInTx, townshipRoleHolders, type RoleHolder as DirectoryEntry } from '../notify/recipients'
import { chunks } from '../publish/parallel'
import type { RoleHolder } from '../../types/invite'
import type { RoleGrant } from '../../types/roles'
import type { TxStore } from '../../core/store'
import type { Caller, Person } from '../../core/caller'
import { effectiveGrants } from '../../core/caller'
import { DomainError, notFound } from '../../core/errors'
import { checkManageGrant, sameGrant } from '../../core/grant-rules'
import { defineHandler, callerOpenid, type ActionContext } from '../action'
import { appendAudit } from '../audit'
import { editOnce, recordEdit } from '../create-once'
import { getPepper, openidOfRef, personRef } from '../secrets'
import { listTarget } from './invite'

/** Directory entries read per request; a call reads at most HOLDER_READS of them before answering with a cursor. */
const HOLDER_BATCH = 200
const HOLDER_READS = 1000

/** Whether the caller manages the whole township (admin or leader there, or a deployment admin). */
function managesTownship(caller: Caller, townshipId: string): boolean {
  if (caller.deploymentAdmin) return true
  if (caller.person?.townshipId !== townshipId) return false
  return effectiveGrants(caller.person).some((g) => g.role === 'admin' || g.role === 'leader')
}

const isAdminOf = (caller: Caller, townshipId: string) =>
  !!caller.deploymentAdmin || (caller.person?.townshipId === townshipId && caller.person.grants.some((g) => g.role === 'admin'))

/** The grants of `person` the caller may see: all roles for township managers, else the village's cadres. */
function visibleGrants(caller: Caller, person: Person, villageId: string | undefined): RoleGrant[] {
  const roles = person.grants.filter((g) => g.role !== 'villager' && (!villageId || ('villageId' in g && g.villageId === villageId)))
  if (managesTownship(caller, person.townshipId)) return roles
  return roles.filter((g) => g.role === 'cadre' && effectiveGrants(caller.person).some((h) => h.role === 'secretary' && h.villageId === g.villageId))
}

function holder(caller: Caller, pepper: string, person: Person, grants: RoleGrant[]): RoleHolder {
  return {
    ref: personRef(pepper, person._id),
    // Nobody but an admin sees another person's OPENID.
    personId: isAdminOf(caller, person.townshipId) || person._id === caller.openid ? person._id : null,
    name: person.name,
    grants,
  }
}

/**
 * One batch of the role directory (`roleHolders`, kept with every grant change) for the township
 * or the village, in OPENID order after `after`, with the people it names: one indexed query and
 * one read of people per 100, however many villagers the township has.
 */
async function directoryBatch(ctx: ActionContext, place: { townshipId: string } | { villageId: string }, after: string) {
  const holders = await ctx.deps.store.find<DirectoryEntry>('roleHolders', {
    where: { ...place, active: true, openid: { $gt: after } },
    orderBy: [['openid', 'asc']],
    limit: HOLDER_BATCH,
  })
  const ids = [...new Set(holders.map((h) => h.openid))]
  const people = new Map<string, Person>()
  for (const chunk of chunks(ids, 100)) {
    for (const p of await ctx.deps.store.find<Person>('people', { where: { _id: { $in: chunk } }, limit: chunk.length })) people.set(p._id, p)
  }
  return { ids, people, full: holders.length === HOLDER_BATCH }
}

/**
 * 人员与角色: who holds which role in the township (or, for a secretary, their village's cadres),
 * found through the role directory; each person's own grants decide what is shown. A page may come
 * back short, with a cursor to go on, once a call has read HOLDER_READS directory entries.
 */
export const listRoles = defineHandler('role.list', {
  target: listTarget,
  async handle(input, ctx) {
    const { townshipId, villageId } = await listTarget(input, ctx)
    const pepper = await getPepper(ctx.deps)
    const items: RoleHolder[] = []
    let after = input.cursor ?? ''
    for (let read = 0; read < HOLDER_READS; read += HOLDER_BATCH) {
      const batch = await directoryBatch(ctx, villageId ? { villageId } : { townshipId }, after)
      for (const id of batch.ids) {
        after = id
        const person = batch.people.get(id)
        const grants = person && person.townshipId === townshipId ? visibleGrants(ctx.caller, person, villageId) : []
        if (person && grants.length > 0) items.push(holder(ctx.caller, pepper, person, grants))
        if (items.length === input.limit) return { items, nextCursor: id }
      }
      if (!batch.full) return { items, nextCursor: null }
    }
    return { items, nextCursor: after }
  },
})

async function personOfRef(ctx: ActionContext, ref: string): Promise<Person> {
  const openid = openidOfRef(await getPepper(ctx.deps), ref)
  const person = openid ? await ctx.deps.store.get<Person>('people', openid) : null
  if (!person) throw notFound('人员不存在')
  return person
}

/**
 * The township's admins other than `openid` as the directory knows them, looked up before the
 * revoke's transaction (queries are not allowed inside one); the transaction re-reads each by id.
 */
async function otherAdmins(ctx: ActionContext, townshipId: string, openid: string): Promise<string[]> {
  const listed = (await townshipRoleHolders(ctx.deps.store, townshipId, 'admin')).filter((id) => id !== openid)
  if (listed.length > 0) return listed
  // Admins granted outside the directory (by hand in the console): the directory's own safety net.
  return (await scanTownship(ctx.deps.store, townshipId, (g) => g.role === 'admin')).filter((id) => id !== openid)
}

/**
 * Inside the revoke's transaction: whether one of `candidates` still is an admin of the township
 * (read by id). Every admin revoke of a township also writes one guard document, so two admins
 * revoking each other at once conflict on it and the second, retried, finds the first gone.
 */
async function keepsAnotherAdmin(tx: TxStore, townshipId: string, candidates: readonly string[]): Promise<boolean> {
  const guardId = `admins:${townshipId}`
  const guard = await tx.get<{ _id: string; revokes: number }>('settings', guardId)
  if (guard) await tx.patch('settings', guardId, { revokes: guard.revokes + 1 })
  else await tx.insert('settings', { _id: guardId, townshipId, revokes: 1 })
  for (const id of candidates) {
    const other = await tx.get<Person>('people', id)
    if (other && other.townshipId === townshipId && other.grants.some((g) => g.role === 'admin')) return true
  }
  return false
}

/** 撤销角色, with a reason: the person's very next call no longer has it (every call reads the person afresh). */
export const revokeRole = defineHandler('role.revoke', {
  async target(input, ctx) {
    const person = await personOfRef(ctx, input.ref)
    return { townshipId: person.townshipId, villageId: 'villageId' in input.grant ? input.grant.villageId : undefined }
  },
  async handle(input, ctx) {
    const person = await personOfRef(ctx, input.ref)
    checkManageGrant(ctx.caller, input.grant, person.townshipId)
    const admins = input.grant.role === 'admin' ? await otherAdmins(ctx, person.townshipId, person._id) : []
    const actor = callerOpenid(ctx)
    const after = await editOnce(ctx, 'role.revoke', input.requestId, () => ctx.deps.store.transaction(async (tx) => {
      const before = await tx.get<Person>('people', person._id)
      if (!before) throw notFound('人员不存在')
      if (!before.grants.some((g) => sameGrant(g, input.grant))) throw new DomainError('CONFLICT', '该人员已不再担任此角色，请刷新后查看')
      // The last-admin check reads the other admins in this transaction: a concurrent revoke cannot slip past it.
      if (input.grant.role === 'admin' && !(await keepsAnotherAdmin(tx, before.townshipId, admins))) {
        throw new DomainError('CONFLICT', '不能撤销本乡镇最后一位管理员，请先邀请另一位管理员')
      }
      const grantsVersion = (before.grantsVersion ?? 0) + 1
      const after: Person = { ...before, grants: before.grants.filter((g) => !sameGrant(g, input.grant)), grantsVersion }
      await tx.patch('people', before._id, { grants: after.grants, grantsVersion })
      await appendAudit(tx, {
        townshipId: before.townshipId, at: ctx.now.toISOString(), actor, action: 'role.revoke',
        entity: 'person', entityId: before._id,
        before: { grants: before.grants }, after: { grants: after.grants, revoked: input.grant, reason: input.reason },
        version: grantsVersion,
      })
      // The role directory the notifications read, with the grants (all or nothing).
      await syncRoleDirectoryInTx(tx, before, after)
      await recordEdit(tx, ctx, 'role.revoke', input.requestId, after)
      return after
    }))
    return holder(ctx.caller, await getPepper(ctx.deps), after, visibleGrants(ctx.caller, after, undefined))
  },
})
