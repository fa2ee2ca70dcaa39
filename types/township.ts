import { z } from 'zod'
import { ZId, ZRequestId, zText } from './common'

/** 管理村庄: one change an admin makes to the township's villages. */
export const ZVillageUpdate = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), townshipId: ZId.optional(), name: zText('村名', 20), requestId: ZRequestId.optional() }),
  z.object({ op: z.literal('rename'), villageId: ZId, name: zText('村名', 20), requestId: ZRequestId.optional() }),
  z.object({ op: z.literal('move'), villageId: ZId, direction: z.enum(['up', 'down']), requestId: ZRequestId.optional() }),
  z.object({ op: z.literal('archive'), villageId: ZId, requestId: ZRequestId.optional() }),
])

export const ZTownshipCreate = z.object({
  name: zText('乡镇名称', 20),
  county: zText('县（市、区）名称', 20),
  requestId: ZRequestId.optional(),
})
export const ZTownshipList = z.object({})
