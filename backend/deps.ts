import { randomBytes } from 'node:crypto'
import type { DocumentStore } from '../core/store'
import type { ContentChecker } from '../core/content-check'
import type { SubscribeMessenger } from './notify/messenger'
import type { TemplateConfig } from './notify/config'
import type { FileSink } from './files'

/** What every handler and job may use; adapters are chosen by whoever builds this (cloud entry or local server). */
export interface Deps {
  store: DocumentStore
  contentCheck: ContentChecker
  now: () => Date
  newId: () => string
  /** The township the app shows by default (one deployment may hold a whole county). */
  defaultTownshipId: string
  /**
   * WeChat subscribe messages (production). Absent in local mode: notifications then record what
   * would have been sent, with local stand-in template ids, and show it in the inbox.
   */
  messenger?: SubscribeMessenger
  /** Subscribe-message template ids from configuration (production; see README). */
  templates?: TemplateConfig
  /** The deployment's admins (the api function's ADMIN_OPENIDS; locally the seed's admin): they create townships. */
  deploymentAdmins?: readonly string[]
  /** Server-side secret keying invitation-code hashes and person handles; without it one is kept in the `settings` collection. */
  pepper?: string
  /** Draws the image that shares an invitation (a PNG data URL); absent where none can be drawn. */
  inviteQr?: (code: string) => Promise<string>
  /** Exports and photo-id policy (records area); absent where no files are produced. */
  files?: FileSink
  /** Days after its board day a criticism keeps its named subject in storage (default 365; backend/publish/retention.ts). */
  criticismRetentionDays?: number
}

/** Time-ordered, random-suffixed ids: sortable and safe in any store or URL. */
export const newTimeOrderedId = () => `${Date.now().toString(36)}${randomBytes(6).toString('hex')}`
