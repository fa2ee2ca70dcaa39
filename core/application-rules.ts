import type { ApplicationStatus } from '../types/application'
import { APPLICATION_STATUS_NAMES } from '../types/application'
import type { CellState, StarCell } from '../types/dashboard'
import type { Star } from '../types/roles'
import { DomainError } from './errors'

export type ApplicationEvent = 'edit' | 'submit' | 'return' | 'recommend' | 'approve' | 'reject' | 'revoke'

/** The whole state machine: from each status, the events it accepts and where they lead. */
export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, Partial<Record<ApplicationEvent, ApplicationStatus>>> = {
  draft: { edit: 'draft', submit: 'submitted' },
  submitted: { return: 'returned', recommend: 'recommended' },
  returned: { edit: 'returned', submit: 'submitted' },
  recommended: { approve: 'approved', reject: 'rejected' },
  approved: { revoke: 'revoked' },
  rejected: {},
  revoked: {},
}

const EVENT_NAMES: Record<ApplicationEvent, string> = {
  edit: '修改', submit: '提交', return: '退回', recommend: '推荐', approve: '通过', reject: '不通过', revoke: '摘星',
}

/**
 * Where `event` takes an application in `status`. A refused event is a CONFLICT naming the current
 * state: it is what the loser of a race sees (the record moved on under it).
 */
export function applicationTransition(status: ApplicationStatus, event: ApplicationEvent): ApplicationStatus {
  const next = APPLICATION_TRANSITIONS[status][event]
  if (!next) throw new DomainError('CONFLICT', `该申报当前状态为“${APPLICATION_STATUS_NAMES[status]}”，不能${EVENT_NAMES[event]}`)
  return next
}

/** A live application blocks another for the same village, star and year; rejected and revoked ones do not. */
export const isLive = (status: ApplicationStatus) => status !== 'rejected' && status !== 'revoked'

/** What the dashboard cell shows for an application status (null: no application). */
export function cellStateOf(status: ApplicationStatus | null): CellState {
  switch (status) {
    case null: case 'draft': case 'rejected': return 'none'
    case 'submitted': return 'reviewing'
    case 'returned': return 'returned'
    case 'recommended': return 'recommended'
    case 'approved': return 'approved'
    case 'revoked': return 'revoked'
  }
}

/**
 * The per-(village, year) rating summary, updated in the same transaction as every application
 * transition: the cell of each star (its latest application) and the level. It is also the
 * uniqueness record: `live[star]` names the one live application of that star.
 */
export interface RatingSummary {
  _id: string
  townshipId: string
  villageId: string
  year: number
  cells: Record<string, StarCell>
  live: Record<string, string | null>
  level: number
  version: number
}

export const ratingId = (villageId: string, year: number) => `${villageId}_${year}`

export const emptyCell = (): StarCell => ({ state: 'none', status: null, applicationId: null })

export function emptyRating(townshipId: string, villageId: string, year: number): RatingSummary {
  return { _id: ratingId(villageId, year), townshipId, villageId, year, cells: {}, live: {}, level: 0, version: 0 }
}

/** The summary after application `id` of `star` reached `status` (in place; answers it). */
export function applyApplication(summary: RatingSummary, star: Star, id: string, status: ApplicationStatus): RatingSummary {
  summary.cells[star] = { state: cellStateOf(status), status, applicationId: id }
  summary.live[star] = isLive(status) ? id : null
  summary.level = levelOf(summary)
  summary.version += 1
  return summary
}

/** A village's level: the number of stars approved and not revoked. */
export const levelOf = (summary: Pick<RatingSummary, 'cells'>) => Object.values(summary.cells).filter((c) => c.status === 'approved').length

/** Months of `year` from January to `upTo` (or all twelve). */
export function monthsOfYearUpTo(year: number, upTo: string): string[] {
  const months: string[] = []
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`
    if (month > upTo) break
    months.push(month)
  }
  return months
}
