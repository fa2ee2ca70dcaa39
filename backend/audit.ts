import type { TxStore } from '../core/store'

/** One entry of the append-only audit log: who did what, when, with the record before and after. */
export interface AuditEntry {
  _id: string
  townshipId: string
  at: string
  actor: string
  action: string
  entity: string
  entityId: string
  before: unknown
  after: unknown
}

/**
 * Appends inside the caller's transaction. The id is derived from the record's new version, so a
 * transition can be logged only once: a concurrent duplicate collides and its transaction fails.
 */
export async function appendAudit(
  tx: TxStore,
  entry: Omit<AuditEntry, '_id'> & { version: number },
): Promise<void> {
  await tx.insert('audit', { ...auditDoc(entry) })
}

/** The id of the entry logging `entity` reaching `version`. */
export const auditId = (entity: string, entityId: string, version: number) => `${entity}_${entityId}_v${version}`

/** The entry as stored (for bulk writers that insert it outside a transaction, e.g. the daily publish). */
export function auditDoc(entry: Omit<AuditEntry, '_id'> & { version: number }): AuditEntry {
  const { version, ...rest } = entry
  return { _id: auditId(entry.entity, entry.entityId, version), ...rest }
}
