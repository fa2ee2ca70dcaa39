import { randomBytes } from 'node:crypto'
import type { DocumentStore } from '../core/store'
import type { ContentChecker } from '../core/content-check'
import type { FileSink } from './files'

/** What every handler and job may use; adapters are chosen by whoever builds this (cloud entry or local server). */
export interface Deps {
  store: DocumentStore
  contentCheck: ContentChecker
  now: () => Date
  newId: () => string
  /** The township the app shows by default (one deployment may hold a whole county). */
  defaultTownshipId: string
  /** Exports and photo-id policy (records area); absent where no files are produced. */
  files?: FileSink
}

/** Time-ordered, random-suffixed ids: sortable and safe in any store or URL. */
export const newTimeOrderedId = () => `${Date.now().toString(36)}${randomBytes(6).toString('hex')}`
