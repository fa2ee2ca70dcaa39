import { createHash } from 'node:crypto'
import type { Notice } from '../../types/notice'
import { publicCriticismSubject } from '../../core/notice-rules'
import { addDays } from '../../core/time'
import type { Deps } from '../deps'
import type { AuditEntry } from '../audit'
import type { Stored } from '../repository'
import { mapLimit, MAX_PARALLEL_REQUESTS } from './parallel'

/** How long after its board day a criticism keeps the named subject in storage (the default). */
export const CRITICISM_RETENTION_DAYS = 365
const BATCH = 100

/**
 * Retention, run by the daily job: a criticism whose board day is `retentionDays` or more behind
 * `today` keeps only its public form in storage — masked name and 组 (赵某某（2组）) — in the notice
 * and in the audit entries that recorded it, so the product does not keep a list of named wrongdoers
 * forever. Batched and idempotent: the notice is marked `subjectReduced` last, so a run cut off
 * half-way redoes that notice next time (its audit entries are then already reduced and not written
 * again); a second run finds nothing to do and writes nothing. Answers how many notices it reduced.
 */
export async function reduceOldCriticisms(deps: Deps, today: string, retentionDays = deps.criticismRetentionDays ?? CRITICISM_RETENTION_DAYS): Promise<number> {
  const cutoff = addDays(today, -retentionDays)
  let reduced = 0
  for (;;) {
    const docs = await deps.store.find<Stored<Notice>>('notices', {
      where: { kind: 'criticism', subjectReduced: null, boardDate: { $lte: cutoff } },
      orderBy: [['boardDate', 'asc']],
      limit: BATCH,
    })
    if (docs.length === 0) return reduced
    await mapLimit(docs, MAX_PARALLEL_REQUESTS, async (doc) => {
      const subject = publicCriticismSubject(doc.subject)
      await reduceAuditEntries(deps, doc._id, subject)
      await deps.store.patch('notices', doc._id, { subject, subjectReduced: true })
    })
    // One entry per batch, its id from the batch's notices: a repeated batch logs once.
    const ids = docs.map((d) => d._id).sort()
    const batchId = createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 24)
    await deps.store.insertIfAbsent('audit', {
      _id: `retention_${batchId}`,
      townshipId: docs[0].townshipId,
      at: deps.now().toISOString(),
      actor: 'system:retention',
      action: 'notice.reduceSubject',
      entity: 'notice',
      entityId: `retention_${batchId}`,
      before: null,
      after: { noticeIds: ids, boardDateOnOrBefore: cutoff },
    })
    reduced += docs.length
    if (docs.length < BATCH) return reduced
  }
}

/**
 * How long an applied edit request keeps its answer (backend/create-once.ts editOnce). A retry after
 * a lost answer comes within minutes, or when a phone is back online; a month covers both with room.
 */
export const REQUEST_RETENTION_DAYS = 30

/**
 * Retention, run by the daily job: forgets the edit-request markers older than REQUEST_RETENTION_DAYS
 * (index requests(at)): one read to see whether any is due, one request to delete them all. The
 * records the edits changed keep their own history in the audit log. A second run only reads.
 * Answers how many it forgot.
 */
export async function forgetOldRequests(deps: Deps, retentionDays = REQUEST_RETENTION_DAYS): Promise<number> {
  const stale = { at: { $lt: new Date(deps.now().getTime() - retentionDays * 86_400_000).toISOString() } }
  const due = await deps.store.find('requests', { where: stale, orderBy: [['at', 'asc']], limit: 1 })
  return due.length === 0 ? 0 : deps.store.removeWhere('requests', stale)
}

type Subjected = { subject?: Notice['subject'] } | null

async function reduceAuditEntries(deps: Deps, noticeId: string, subject: Notice['subject']): Promise<void> {
  const entries = await deps.store.find<AuditEntry>('audit', { where: { entityId: noticeId }, orderBy: [['at', 'asc']], limit: 1000 })
  for (const entry of entries) {
    const fields: Record<string, unknown> = {}
    for (const side of ['before', 'after'] as const) {
      const value = entry[side] as Subjected
      if (value && typeof value === 'object' && value.subject && JSON.stringify(value.subject) !== JSON.stringify(subject)) {
        fields[side] = { ...value, subject }
      }
    }
    if (Object.keys(fields).length > 0) await deps.store.patch('audit', entry._id, fields)
  }
}
