import type { Notice } from '../types/notice'
import type { Village } from '../types/village'
import type { Objection } from '../types/objection'
import type { Person } from '../core/caller'
import type { DocumentStore, TxStore } from '../core/store'
import { notFound } from '../core/errors'

// Stored documents carry `_id`; the contract's records carry `id`. These two functions are the only bridge.
export type Stored<T extends { id: string }> = Omit<T, 'id'> & { _id: string }
export const toRecord = <T extends { id: string }>(doc: Stored<T>): T => {
  const { _id, ...rest } = doc
  return { id: _id, ...rest } as unknown as T
}
export const toDoc = <T extends { id: string }>(record: T): Stored<T> => {
  const { id, ...rest } = record
  return { _id: id, ...rest } as unknown as Stored<T>
}

export async function getNotice(store: TxStore, id: string): Promise<Notice> {
  const doc = await store.get<Stored<Notice>>('notices', id)
  if (!doc) throw notFound('公告不存在')
  return toRecord<Notice>(doc)
}

export async function getVillage(store: TxStore, id: string): Promise<Village> {
  const doc = await store.get<Stored<Village>>('villages', id)
  if (!doc) throw notFound('村庄不存在')
  return toRecord<Village>(doc)
}

export async function getObjection(store: TxStore, id: string): Promise<Objection> {
  const doc = await store.get<Stored<Objection>>('objections', id)
  if (!doc) throw notFound('申诉不存在')
  return objectionRecord(doc)
}

/** An objection as the contract has it: the client's request id it was created with stays in storage. */
export function objectionRecord(doc: Stored<Objection> & { requestId?: unknown }): Objection {
  const { requestId: _, ...rest } = doc
  return toRecord<Objection>(rest)
}

export const getPerson = (store: DocumentStore, openid: string) => store.get<Person>('people', openid)

/** The fields of `after` that differ from `before`, for a patch. */
export function changedFields<T extends object>(before: T, after: T): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key as string] = after[key]
  }
  return out
}

export async function getLedgerEntry(store: TxStore, id: string): Promise<import('../types/ledger').LedgerEntry> {
  const doc = await store.get<Stored<import('../types/ledger').LedgerEntry>>('ledger', id)
  if (!doc) throw notFound('台账不存在')
  return toRecord(doc)
}

export async function getChecklistItem(store: TxStore, id: string): Promise<import('../types/checklist').ChecklistItem> {
  const doc = await store.get<Stored<import('../types/checklist').ChecklistItem>>('checklist', id)
  if (!doc) throw notFound('清单事项不存在')
  return checklistRecord(doc)
}

/** The item as the app sees it: without the stored reminder bookkeeping (`remindKey`, backend/checklist-writes.ts). */
export function checklistRecord(doc: Stored<import('../types/checklist').ChecklistItem> & { remindKey?: unknown }): import('../types/checklist').ChecklistItem {
  const { remindKey: _remindKey, ...rest } = doc
  return toRecord(rest)
}

export async function findCatalogue(store: TxStore, townshipId: string, year: number): Promise<import('../types/catalogue').Catalogue | null> {
  const doc = await store.get<Stored<import('../types/catalogue').Catalogue>>('catalogues', `${townshipId}_${year}`)
  return doc ? toRecord(doc) : null
}
