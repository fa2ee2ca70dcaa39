import type { Me } from '../../types/village'
import type { Caller, Person } from '../../core/caller'
import { effectiveGrants } from '../../core/caller'
import { defineHandler, callerOpenid } from '../action'
import { getVillage } from '../repository'
import { DomainError } from '../../core/errors'

/** The caller as me.get answers it. */
export function describe(caller: Caller, defaultTownshipId: string): Me {
  const person = caller.person
  return {
    signedIn: caller.openid !== null,
    // The caller's own id (their OPENID), which 我的 shows as 我的用户编号 for ADMIN_OPENIDS and support.
    personId: caller.openid,
    name: person?.name ?? null,
    townshipId: person?.townshipId ?? defaultTownshipId,
    villageId: person?.villageId ?? null,
    grants: effectiveGrants(person),
    deploymentAdmin: caller.deploymentAdmin ?? false,
  }
}

export const getMe = defineHandler('me.get', {
  async handle(_input, ctx) {
    return describe(ctx.caller, ctx.deps.defaultTownshipId)
  },
})

/** 村民 binds to a village by choosing it; a first-time caller gets a person record. */
export const bindVillage = defineHandler('me.bindVillage', {
  async handle(input, ctx) {
    const openid = callerOpenid(ctx)
    const village = await getVillage(ctx.deps.store, input.villageId)
    if (village.archived) throw new DomainError('CONFLICT', '该村已归档，请选择其他村庄')
    const person: Person = await ctx.deps.store.transaction(async (tx) => {
      const existing = await tx.get<Person & { _id: string }>('people', openid)
      if (existing) {
        // Choosing one's own village again changes nothing; on the cloud a no-op update also costs an extra read.
        if (existing.villageId !== village.id) await tx.patch('people', openid, { villageId: village.id })
        return { ...existing, villageId: village.id }
      }
      const created: Person = {
        _id: openid,
        name: '村民',
        townshipId: village.townshipId,
        villageId: village.id,
        grants: [],
        createdAt: ctx.now.toISOString(),
      }
      await tx.insert('people', { ...created })
      return created
    })
    return describe({ ...ctx.caller, person }, ctx.deps.defaultTownshipId)
  },
})
