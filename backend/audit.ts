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
  const { version, ...rest } = entry
  await tx.insert('audit', { _id: `${entry.entity}_${entry.entityId}_v${version}`, ...rest })
}
