import type { Village } from '../../types/village'
import { defineHandler } from '../action'
import { toRecord, type Stored } from '../repository'
import { keysetPage } from '../pagination'

export const listVillages = defineHandler('village.list', {
  async handle(input, ctx) {
    const page = await keysetPage<Stored<Village>>(ctx.deps.store, {
      collection: 'villages',
      where: { townshipId: ctx.deps.defaultTownshipId },
      key: 'order', keyType: 'number', direction: 'asc', limit: input.limit, cursor: input.cursor,
    })
    return { items: page.docs.map((d) => toRecord<Village>(d)), nextCursor: page.nextCursor }
  },
})
