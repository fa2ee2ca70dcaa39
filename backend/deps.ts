import { randomBytes } from 'node:crypto'
import type { DocumentStore } from '../core/store'
import type { ContentChecker } from '../core/content-check'

/** What every handler and job may use; adapters are chosen by whoever builds this (cloud entry or local server). */
export interface Deps {
  store: DocumentStore
  contentCheck: ContentChecker
  now: () => Date
  newId: () => string
  /** The township the app shows by default (one deployment may hold a whole county). */
  defaultTownshipId: string
  /** Days after its board day a criticism keeps its named subject in storage (default 365; backend/publish/retention.ts). */
  criticismRetentionDays?: number
}

/** Time-ordered, random-suffixed ids: sortable and safe in any store or URL. */
export const newTimeOrderedId = () => `${Date.now().toString(36)}${randomBytes(6).toString('hex')}`
