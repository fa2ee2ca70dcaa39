import { syncRoleDirectoryInTx } from '../notify/recipients'
import type { Invite } from '../../types/invite'
import type { ActionParsedInput } from '../../types/api'
import type { RoleGrant } from '../../types/roles'
import type { Person } from '../../core/caller'
import type { TxStore } from '../../core/store'
import { DomainError, notFound } from '../../core/errors'
import {
  afterWrongCode, checkManageGrant, checkRedeemable, inviteStatus, inviteValidThrough, isLockedOut, sameGrant,
  MAX_WRONG_CODES, type AttemptState,
} from '../../core/grant-rules'
import { defineHandler, callerName, callerOpenid, type ActionContext } from '../action'
import { appendAudit } from '../audit'
import { creationId, createOnce } from '../create-once'
import { getVillage } from '../repository'
import { getPepper, hashCode, makeCode } from '../secrets'
import { describe } from './me'
import { callerTownship } from './village'

/** An invitation as stored: the code itself never is, only its keyed hash. */
export interface InviteDoc {
  _id: string
  townshipId: string
  villageId: string | null
  grant: RoleGrant
  codeHash: string
  status: 'open' | 'used' | 'cancelled'
  createdBy: string
  createdByName: string
  createdAt: string
  validThrough: string
  redeemedBy: string | null
  redeemedByName: string | null
  redeemedAt: string | null
  cancelledBy: string | null
  cancelledAt: string | null
  version: number
}

const toInvite = (doc: InviteDoc, now: Date): Invite => ({
  id: doc._id,
  townshipId: doc.townshipId,
  villageId: doc.villageId,
  grant: doc.grant,
  status: inviteStatus(doc, now),
  createdByName: doc.createdByName,
  createdAt: doc.createdAt,
  validThrough: doc.validThrough,
  redeemedByName: doc.redeemedByName,
  redeemedAt: doc.redeemedAt,
  cancelledAt: doc.cancelledAt,
})

/** What an audit entry keeps of an invitation (not the code's hash). */
const auditView = ({ codeHash: _hash, ...rest }: InviteDoc) => rest

async function getInvite(tx: TxStore, id: string): Promise<InviteDoc> {
  const doc = await tx.get<InviteDoc>('invites', id)
  if (!doc) throw notFound('邀请不存在')
  return doc
}

/** The grant an invitation asks for, and the township (and village) it belongs to. */
async function inviteScope(input: ActionParsedInput<'invite.create'>, ctx: ActionContext) {
  if (input.role === 'cadre' || input.role === 'secretary') {
    const village = await getVillage(ctx.deps.store, input.villageId!)
    if (village.archived) throw new DomainError('CONFLICT', '该村已归档，不能再邀请')
    if (input.townshipId && input.townshipId !== village.townshipId) throw new DomainError('INVALID_INPUT', '村庄不属于该乡镇', [{ path: 'villageId', message: '村庄不属于该乡镇' }])
    const grant: RoleGrant = { role: input.role, villageId: village.id }
    return { townshipId: village.townshipId, villageId: village.id as string | undefined, grant }
  }
  const grant: RoleGrant = input.role === 'taskforce' ? { role: 'taskforce', star: input.star! } : { role: input.role as 'leader' | 'admin' }
  return { townshipId: callerTownship(ctx, input.townshipId), villageId: undefined, grant }
}

/** 生成邀请码: one role with its scope, single-use, valid for `days` China calendar days. */
export const createInvite = defineHandler('invite.create', {
  async target(input, ctx) {
    const scope = await inviteScope(input, ctx)
    return { townshipId: scope.townshipId, villageId: scope.villageId }
  },
  async handle(input, ctx) {
    const { townshipId, villageId, grant } = await inviteScope(input, ctx)
    checkManageGrant(ctx.caller, grant, townshipId)
    if (!(await ctx.deps.store.get('townships', townshipId))) throw notFound('乡镇不存在')
    const openid = callerOpenid(ctx)
    const pepper = await getPepper(ctx.deps)
    const code = makeCode(pepper, openid, input.requestId)
    const doc: InviteDoc = {
      _id: creationId(ctx, input.requestId),
      townshipId,
      villageId: villageId ?? null,
      grant,
      codeHash: hashCode(pepper, code),
      status: 'open',
      createdBy: openid,
      createdByName: callerName(ctx),
      createdAt: ctx.now.toISOString(),
      validThrough: inviteValidThrough(ctx.now, input.days),
      redeemedBy: null,
      redeemedByName: null,
      redeemedAt: null,
      cancelledBy: null,
      cancelledAt: null,
      version: 1,
    }
    const create = () =>
      ctx.deps.store.transaction(async (tx) => {
        await tx.insert('invites', { ...doc })
        await appendAudit(tx, {
          townshipId, at: doc.createdAt, actor: openid, action: 'invite.create',
          entity: 'invite', entityId: doc._id, before: null, after: auditView(doc), version: 1,
        })
        return doc
      })
    const stored = await createOnce(ctx, 'invites', doc._id, create, getInvite)
    // The image holds the code, so it is drawn per answer and never stored.
    let qr: string | null = null
    if (ctx.deps.inviteQr) {
      try {
        qr = await ctx.deps.inviteQr(code)
      } catch (error) {
        console.error('[invite.create] QR code failed', error)
      }
    }
    return { ...toInvite(stored, ctx.now), code, qr }
  },
})

async function recordWrongCode(ctx: ActionContext, openid: string): Promise<AttemptState> {
  return ctx.deps.store.transaction(async (tx) => {
    const before = await tx.get<AttemptState & { _id: string }>('inviteAttempts', openid)
    const after = afterWrongCode(before, ctx.now)
    if (before) await tx.patch('inviteAttempts', openid, { ...after })
    else await tx.insert('inviteAttempts', { _id: openid, ...after })
    return after
  })
}

/** 输入邀请码: the caller gives their real name and holds the invitation's role from now on. */
export const redeemInvite = defineHandler('invite.redeem', {
  async handle(input, ctx) {
    const openid = callerOpenid(ctx)
    const attempts = await ctx.deps.store.get<AttemptState & { _id: string }>('inviteAttempts', openid)
    if (isLockedOut(attempts, ctx.now)) throw new DomainError('FORBIDDEN', '邀请码输错次数过多，请 1 小时后再试')
    const pepper = await getPepper(ctx.deps)
    const [found] = await ctx.deps.store.find<InviteDoc>('invites', { where: { codeHash: hashCode(pepper, input.code) }, limit: 1 })
    if (!found) {
      const state = await recordWrongCode(ctx, openid)
      if (state.lockedUntil) throw new DomainError('FORBIDDEN', '邀请码输错次数过多，请 1 小时后再试')
      throw new DomainError('NOT_FOUND', `邀请码不存在，请核对后重新输入（1 小时内还可再试 ${MAX_WRONG_CODES - state.failures.length} 次）`)
    }
    const person = await ctx.deps.store.transaction(async (tx) => {
      const invite = await getInvite(tx, found._id)
      const existing = await tx.get<Person>('people', openid)
      // This caller redeemed the code before and still holds its grant (the answer was lost, this is
      // the second tap): their grant is the answer, as a create's retry answers its first result.
      if (invite.status === 'used' && invite.redeemedBy === openid && existing?.grants.some((g) => sameGrant(g, invite.grant))) return existing
      checkRedeemable(invite, ctx.now)
      if (existing && existing.townshipId !== invite.townshipId && existing.grants.some((g) => g.role !== 'villager')) {
        throw new DomainError('CONFLICT', '你已在其他乡镇担任职务，不能再接受本乡镇的邀请')
      }
      const grant = invite.grant
      const sameTownship = existing?.townshipId === invite.townshipId
      const person: Person = {
        _id: openid,
        name: input.name,
        townshipId: invite.townshipId,
        villageId: (sameTownship ? existing?.villageId : null) ?? ('villageId' in grant ? grant.villageId : null),
        grants: [...(existing?.grants ?? []).filter((g) => !sameGrant(g, grant)), grant],
        createdAt: existing?.createdAt ?? ctx.now.toISOString(),
        grantsVersion: (existing?.grantsVersion ?? 0) + 1,
      }
      if (existing) {
        const { _id, ...fields } = person
        await tx.patch('people', openid, fields)
      } else {
        await tx.insert('people', { ...person })
      }
      const after: InviteDoc = { ...invite, status: 'used', redeemedBy: openid, redeemedByName: input.name, redeemedAt: ctx.now.toISOString(), version: invite.version + 1 }
      await tx.patch('invites', invite._id, { status: after.status, redeemedBy: openid, redeemedByName: input.name, redeemedAt: after.redeemedAt, version: after.version })
      await appendAudit(tx, {
        townshipId: invite.townshipId, at: ctx.now.toISOString(), actor: openid, action: 'invite.redeem',
        entity: 'invite', entityId: invite._id, before: auditView(invite), after: auditView(after), version: after.version,
      })
      // The role directory the notifications read, with the grant (all or nothing).
      await syncRoleDirectoryInTx(tx, existing, person)
      return person
    })
    return describe({ ...ctx.caller, person }, ctx.deps.defaultTownshipId)
  },
})

const inviteTarget = async (input: { inviteId: string }, ctx: ActionContext) => {
  const invite = await getInvite(ctx.deps.store, input.inviteId)
  return { townshipId: invite.townshipId, villageId: invite.villageId ?? undefined }
}

/** 取消邀请: an open invitation stops working at once. */
export const cancelInvite = defineHandler('invite.cancel', {
  target: inviteTarget,
  async handle(input, ctx) {
    const openid = callerOpenid(ctx)
    const after = await ctx.deps.store.transaction(async (tx) => {
      const invite = await getInvite(tx, input.inviteId)
      checkManageGrant(ctx.caller, invite.grant, invite.townshipId)
      if (invite.status === 'cancelled') return invite
      if (invite.status === 'used') throw new DomainError('CONFLICT', '该邀请码已被使用，不能取消；如需收回角色，请在“人员与角色”中撤销')
      const after: InviteDoc = { ...invite, status: 'cancelled', cancelledBy: openid, cancelledAt: ctx.now.toISOString(), version: invite.version + 1 }
      await tx.patch('invites', invite._id, { status: after.status, cancelledBy: openid, cancelledAt: after.cancelledAt, version: after.version })
      await appendAudit(tx, {
        townshipId: invite.townshipId, at: ctx.now.toISOString(), actor: openid, action: 'invite.cancel',
        entity: 'invite', entityId: invite._id, before: auditView(invite), after: auditView(after), version: after.version,
      })
      return after
    })
    return toInvite(after, ctx.now)
  },
})

/** Where a list of a township (or one village) is about, for the scope check. */
export async function listTarget(input: { townshipId?: string; villageId?: string }, ctx: ActionContext) {
  if (input.villageId) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    return { townshipId: village.townshipId, villageId: village.id }
  }
  return { townshipId: callerTownship(ctx, input.townshipId) }
}

/** 邀请记录: the township's (or a village's) invitations, newest first. */
export const listInvites = defineHandler('invite.list', {
  target: listTarget,
  async handle(input, ctx) {
    const target = await listTarget(input, ctx)
    const where: Record<string, string | { $lt: string }> = target.villageId ? { villageId: target.villageId } : { townshipId: target.townshipId }
    if (input.cursor) where.createdAt = { $lt: input.cursor }
    const docs = await ctx.deps.store.find<InviteDoc>('invites', { where, orderBy: [['createdAt', 'desc']], limit: input.limit + 1 })
    const items = docs.slice(0, input.limit).map((d) => toInvite(d, ctx.now))
    return { items, nextCursor: docs.length > input.limit ? items[items.length - 1].createdAt : null }
  },
})
