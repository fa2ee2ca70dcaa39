import type { Township } from '../../types/village'
import { defineHandler, callerOpenid } from '../action'
import { appendAudit } from '../audit'
import { creationId, createOnce } from '../create-once'
import { toDoc, toRecord, type Stored } from '../repository'

const MAX_TOWNSHIPS = 200

/** The deployment's townships (a county has a few dozen), by name, for the visitor's first choice. */
export const listTownships = defineHandler('township.list', {
  async handle(_input, ctx) {
    const docs = await ctx.deps.store.find<Stored<Township>>('townships', { where: {}, limit: MAX_TOWNSHIPS })
    const items = docs.map((d) => toRecord<Township>(d)).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id))
    return { items }
  },
})

/** 新建乡镇 (deployment admins only); its first admin is then invited with invite.create. */
export const createTownship = defineHandler('township.create', {
  async handle(input, ctx) {
    const township: Township = { id: creationId(ctx, input.requestId), name: input.name, county: input.county }
    const create = () =>
      ctx.deps.store.transaction(async (tx) => {
        await tx.insert('townships', toDoc(township))
        await appendAudit(tx, {
          townshipId: township.id, at: ctx.now.toISOString(), actor: callerOpenid(ctx), action: 'township.create',
          entity: 'township', entityId: township.id, before: null, after: township, version: 1,
        })
        return township
      })
    return createOnce(ctx, 'townships', township.id, create, async (tx, id) => toRecord<Township>((await tx.get<Stored<Township>>('townships', id))!))
  },
})
