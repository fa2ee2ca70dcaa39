import type { Catalogue, Target } from '../../types/catalogue'
import { DomainError } from '../../core/errors'
import { catalogueId, reviseCriteria } from '../../core/catalogue-rules'
import { chinaMonth } from '../../core/time'
import { defineHandler, callerOpenid, type ActionContext } from '../action'
import { viewedBy, viewCatalogue, viewPage, viewTarget } from '../people-view'
import { appendAudit } from '../audit'
import { editOnce, recordEdit } from '../create-once'
import { findCatalogue, getVillage, toDoc, toRecord, type Stored } from '../repository'

/** The township a call is about when the payload names none: the caller's, else the deployment's. */
export const callerTownship = (ctx: ActionContext) => ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId

export const getCatalogue = viewedBy(viewCatalogue, defineHandler('catalogue.get', {
  async handle(input, ctx) {
    return findCatalogue(ctx.deps.store, callerTownship(ctx), input.year)
  },
}))

export const updateCatalogue = viewedBy(viewCatalogue, defineHandler('catalogue.update', {
  target: (_input, ctx) => ({ townshipId: callerTownship(ctx) }),
  async handle(input, ctx) {
    const townshipId = callerTownship(ctx)
    return editOnce(ctx, 'catalogue.update', input.requestId, () => ctx.deps.store.transaction(async (tx) => {
      const before = await findCatalogue(tx, townshipId, input.year)
      if (!before) throw new DomainError('NOT_FOUND', `${input.year} 年的创建标准尚未建立，请先从上一年复制`)
      if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) throw new DomainError('CONFLICT', '创建标准已被他人修改，请刷新后重试')
      let focus = before.focus
      for (const change of input.focus ?? []) {
        if (!change.month.startsWith(`${input.year}-`)) throw new DomainError('INVALID_INPUT', `每月工作区的月份 ${change.month} 不属于 ${input.year} 年`)
        focus = focus.filter((f) => f.month !== change.month)
        if (change.text.trim()) focus.push({ month: change.month, text: change.text.trim() })
      }
      focus.sort((a, b) => a.month.localeCompare(b.month))
      const after: Catalogue = {
        ...before,
        revisions: input.criteria ? reviseCriteria(before, input.criteria, chinaMonth(ctx.now)) : before.revisions,
        focus,
        version: before.version + 1,
        updatedAt: ctx.now.toISOString(),
        updatedBy: callerOpenid(ctx),
      }
      const { id: _id, ...fields } = after
      await tx.patch('catalogues', before.id, fields)
      await appendAudit(tx, { townshipId, at: after.updatedAt, actor: after.updatedBy, action: 'catalogue.update', entity: 'catalogue', entityId: before.id, before, after, version: after.version })
      await recordEdit(tx, ctx, 'catalogue.update', input.requestId, after)
      return after
    }))
  },
}))

export const copyCatalogueYear = viewedBy(viewCatalogue, defineHandler('catalogue.copyYear', {
  target: (_input, ctx) => ({ townshipId: callerTownship(ctx) }),
  async handle(input, ctx) {
    const townshipId = callerTownship(ctx)
    return editOnce(ctx, 'catalogue.copyYear', input.requestId, () => ctx.deps.store.transaction(async (tx) => {
      const source = await findCatalogue(tx, townshipId, input.from)
      if (!source) throw new DomainError('NOT_FOUND', `${input.from} 年的创建标准不存在`)
      if (await findCatalogue(tx, townshipId, input.to)) throw new DomainError('CONFLICT', `${input.to} 年的创建标准已存在，请直接修改`)
      const last = source.revisions[source.revisions.length - 1]
      const copy: Catalogue = {
        id: catalogueId(townshipId, input.to),
        townshipId,
        year: input.to,
        revisions: [{ effectiveFrom: `${input.to}-01`, criteria: last.criteria }],
        focus: [],
        version: 1,
        updatedAt: ctx.now.toISOString(),
        updatedBy: callerOpenid(ctx),
      }
      await tx.insert('catalogues', toDoc(copy))
      await appendAudit(tx, { townshipId, at: copy.updatedAt, actor: copy.updatedBy, action: 'catalogue.copyYear', entity: 'catalogue', entityId: copy.id, before: null, after: copy, version: 1 })
      await recordEdit(tx, ctx, 'catalogue.copyYear', input.requestId, copy)
      return copy
    }))
  },
}))

export const setTarget = viewedBy(viewTarget, defineHandler('target.set', {
  target: async (input, ctx) => ({ townshipId: (await getVillage(ctx.deps.store, input.villageId)).townshipId }),
  async handle(input, ctx) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    const id = `${village.id}_${input.year}`
    const stars = [...input.stars].sort()
    return editOnce(ctx, 'target.set', input.requestId, () => ctx.deps.store.transaction(async (tx) => {
      const existing = await tx.get<Stored<Target> & { version?: number }>('targets', id)
      const version = (existing?.version ?? 0) + 1
      const target: Target = {
        id, townshipId: village.townshipId, villageId: village.id, year: input.year, level: stars.length, stars,
        updatedAt: ctx.now.toISOString(), updatedBy: callerOpenid(ctx),
      }
      const { id: _id, ...fields } = target
      if (existing) await tx.patch('targets', id, { ...fields, version })
      else await tx.insert('targets', { ...toDoc(target), version })
      await appendAudit(tx, {
        townshipId: village.townshipId, at: target.updatedAt, actor: target.updatedBy, action: 'target.set', entity: 'target', entityId: id,
        before: existing ? toRecord(existing) : null, after: target, version,
      })
      await recordEdit(tx, ctx, 'target.set', input.requestId, target)
      return target
    }))
  },
}))

export const listTargets = viewedBy(viewPage(viewTarget), defineHandler('target.list', {
  async handle(input, ctx) {
    // One township holds 24 villages; a county's township never more than ~60: one bounded page.
    const docs = await ctx.deps.store.find<Stored<Target> & { version?: number }>('targets', {
      where: { townshipId: callerTownship(ctx), year: input.year },
      orderBy: [['villageId', 'asc']],
      limit: 200,
    })
    return { items: docs.map(({ version: _v, ...doc }) => toRecord<Target>(doc as Stored<Target>)) }
  },
}))
