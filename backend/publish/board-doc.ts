import type { TxStore } from '../../core/store'
import type { Notice } from '../../types/notice'
import type { BoardEntry } from '../../types/board'
import type { BoardAward } from '../../types/award'
import { daysBetween } from '../../core/time'
import { CRITICISM_PUBLIC_DAYS, toBoardEntry } from '../../core/notice-rules'

/**
 * One notice as a board document carries it: the public view only (a criticism's label is already
 * masked), plus what the public filter needs at read time. Every published notice of the day stays
 * in the list (so the counts are the list's), withdrawn or objected ones flagged.
 */
export interface StoredBoardEntry extends BoardEntry {
  createdAt: string
  openObjections: number
  withdrawn: boolean
}

/**
 * A published board as stored: one per village and day, its id derived from both so it can exist
 * only once. Boards written since the board carried its own entries have `villageName`, `entries`
 * and `revision` (bumped on every change, for compare-and-set); older ones have only the counts and
 * are read the old way, from the notices, until a publication into them rewrites them.
 */
export interface BoardDoc {
  _id: string
  townshipId: string
  villageId: string
  date: string
  publishedAt: string
  praiseCount: number
  criticismCount: number
  villageName?: string
  entries?: StoredBoardEntry[]
  revision?: number
  /** 评选 confirmed for this day (backend/actions/award.ts), shown as their own block. */
  awards?: BoardAward[]
  [key: string]: unknown
}

export const boardId = (villageId: string, date: string) => `${villageId}_${date}`

export const carriesEntries = (board: BoardDoc): board is BoardDoc & { entries: StoredBoardEntry[] } => Array.isArray(board.entries)

export function toStoredEntry(notice: Notice): StoredBoardEntry {
  return {
    ...toBoardEntry(notice, false),
    createdAt: notice.createdAt,
    openObjections: notice.openObjections,
    withdrawn: notice.status === 'withdrawn',
  }
}

const byBoardOrder = (a: StoredBoardEntry, b: StoredBoardEntry) =>
  a.kind !== b.kind ? (a.kind === 'praise' ? -1 : 1) : a.createdAt.localeCompare(b.createdAt) || a.noticeId.localeCompare(b.noticeId)

/** `entries` with each of `notices` put in (replacing its old entry), in board order. */
export function mergeEntries(entries: StoredBoardEntry[], notices: Notice[]): StoredBoardEntry[] {
  const byId = new Map(entries.map((e) => [e.noticeId, e]))
  for (const notice of notices) byId.set(notice.id, toStoredEntry(notice))
  return [...byId.values()].sort(byBoardOrder)
}

/** The fields to write for a board holding `entries`, its counts derived from them. */
export function entryFields(entries: StoredBoardEntry[]) {
  return {
    entries,
    praiseCount: entries.filter((e) => e.kind === 'praise').length,
    criticismCount: entries.filter((e) => e.kind === 'criticism').length,
  }
}

/** The public board as seen on `today`: praise, and criticisms in their public week with no open objection. */
export function publicEntries(board: BoardDoc & { entries: StoredBoardEntry[] }, today: string): BoardEntry[] {
  const criticismPublic = daysBetween(board.date, today) < CRITICISM_PUBLIC_DAYS
  return board.entries
    .filter((e) => !e.withdrawn && (e.kind === 'praise' || (criticismPublic && e.openObjections === 0)))
    .map(({ noticeId, kind, category, subjectLabel, text, photos, rectified }) => ({ noticeId, kind, category, subjectLabel, text, photos, rectified }))
}

/** The same JSON, so an unchanged board is not written again. */
export const sameEntries = (a: StoredBoardEntry[], b: StoredBoardEntry[]) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Inside the transaction that changed `notice` (整改完成, an objection opened or decided): brings its
 * entry on its board up to date, so the one-read public board stays true. Old-shape boards are read
 * from the notices anyway and are left alone.
 */
export async function syncBoardEntry(tx: TxStore, notice: Notice): Promise<void> {
  if (!notice.boardDate) return
  const board = await tx.get<BoardDoc>('boards', boardId(notice.villageId, notice.boardDate))
  if (!board || !carriesEntries(board)) return
  const entries = mergeEntries(board.entries, [notice])
  if (sameEntries(entries, board.entries)) return
  await tx.patch('boards', board._id, { ...entryFields(entries), revision: (board.revision ?? 0) + 1 })
}
