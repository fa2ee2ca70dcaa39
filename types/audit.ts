import { z } from 'zod'
import { ZId, ZPageQuery } from './common'

export const AUDITED_ENTITIES = ['application', 'ledger', 'checklist', 'notice'] as const
export const ZAuditList = ZPageQuery.extend({ entity: z.enum(AUDITED_ENTITIES), entityId: ZId })
/** One step of a record's timeline. */
export const ZAuditStep = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string(),
  action: z.string(),
  status: z.string().nullable(),
  comment: z.string().nullable(),
})
export type AuditStep = z.infer<typeof ZAuditStep>
