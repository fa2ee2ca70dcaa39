import type { Village } from '../../types/village'
import { defineHandler } from '../action'
import { toRecord, type Stored } from '../repository'

export const listVillages = defineHandler('village.list', {
  async handle(input, ctx) {
    const after = input.cursor ? Number(input.cursor) : -1
    const docs = await ctx.deps.store.find<Stored<Village>>('villages', {
      where: { townshipId: ctx.deps.defaultTownshipId, order: { $gt: Number.isFinite(after) ? after : -1 } },
      orderBy: [['order', 'asc']],
      limit: input.limit + 1,
    })
    const items = docs.slice(0, input.limit).map((d) => toRecord<Village>(d))
    return { items, nextCursor: docs.length > input.limit ? String(items[items.length - 1].order) : null }
  },
})
