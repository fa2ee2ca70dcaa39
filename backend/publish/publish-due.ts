import type { Notice } from '../../types/notice'
import type { Village } from '../../types/village'
import { appendAudit } from '../audit'
import type { Where } from '../../core/store'
import type { Deps } from '../deps'
import { changedFields, toRecord, type Stored } from '../repository'
import { boardId, type BoardDoc } from './board-doc'

const PAGE = 100
const SYSTEM_ACTOR = 'system:publish'

export interface PublishReport {
  date: string
  noticesPublished: number
  boardsCreated: number
  boardsUpdated: number
}

/**
 * Publishes every approved notice due on or before `date` into `date`'s board, then makes sure each
 * village (or just `villageId`) has exactly one board for `date`. Safe to repeat, late, or after a
 * crash: a notice moves approved → published once (in a transaction with its audit entry), and a
 * board's id is its village and day, so a second run changes nothing.
 */
export async function publishDueNotices(deps: Deps, options: { date: string; villageId?: string }): Promise<PublishReport> {
  const { date, villageId } = options
  const report: PublishReport = { date, noticesPublished: 0, boardsCreated: 0, boardsUpdated: 0 }
  const touched = new Set<string>()

  for (;;) {
    const due = await findDue(deps, date, villageId)
    if (due.length === 0) break
    for (const notice of due) {
      if (await publishOne(deps, notice, date)) {
        report.noticesPublished++
        touched.add(notice.villageId)
      }
    }
    if (due.length < PAGE) break
  }

  const villageIds = villageId ? [villageId] : await allVillageIds(deps)
  for (const id of villageIds) {
    const outcome = await ensureBoard(deps, id, date, touched.has(id))
    if (outcome === 'created') report.boardsCreated++
    if (outcome === 'updated') report.boardsUpdated++
  }
  return report
}

async function findDue(deps: Deps, date: string, villageId?: string): Promise<Notice[]> {
  const where: Where = { status: 'approved', publishDate: { $lte: date } }
  if (villageId) where.villageId = villageId
  const docs = await deps.store.find<Stored<Notice>>('notices', { where, orderBy: [['publishDate', 'asc']], limit: PAGE })
  return docs.map((d) => toRecord<Notice>(d))
}

async function publishOne(deps: Deps, notice: Notice, date: string): Promise<boolean> {
  return deps.store.transaction(async (tx) => {
    const current = await tx.get<Stored<Notice>>('notices', notice.id)
    if (!current || current.status !== 'approved') return false
    const before = toRecord<Notice>(current)
    const after: Notice = { ...before, status: 'published', boardDate: date, version: before.version + 1 }
    await tx.patch('notices', notice.id, changedFields(before, after))
    await appendAudit(tx, {
      townshipId: before.townshipId, at: deps.now().toISOString(), actor: SYSTEM_ACTOR, action: 'notice.publish',
      entity: 'notice', entityId: notice.id, before, after, version: after.version,
    })
    // A late notice joins a board that already exists: count it in this same transaction, or a crash
    // before ensureBoard would leave that board's counts short for good (a re-run sees nothing to do).
    const board = await tx.get<BoardDoc>('boards', boardId(before.villageId, date))
    if (board) {
      const field = before.kind === 'praise' ? 'praiseCount' : 'criticismCount'
      await tx.patch('boards', board._id, { [field]: board[field] + 1 })
    }
    return true
  })
}

async function allVillageIds(deps: Deps): Promise<string[]> {
  const townships = await deps.store.find<{ _id: string }>('townships', { where: {}, limit: 1000 })
  const ids: string[] = []
  for (const township of townships) {
    let after = -1
    for (;;) {
      const page = await deps.store.find<Stored<Village>>('villages', {
        where: { townshipId: township._id, order: { $gt: after } },
        orderBy: [['order', 'asc']],
        limit: PAGE,
      })
      ids.push(...page.map((v) => v._id))
      if (page.length < PAGE) break
      after = page[page.length - 1].order
    }
  }
  return ids
}

/** Creates the village's board for the day if missing; refreshes its counts if notices were added. */
async function ensureBoard(deps: Deps, villageId: string, date: string, changed: boolean): Promise<'created' | 'updated' | 'unchanged'> {
  const id = boardId(villageId, date)
  const existing = await deps.store.get<BoardDoc>('boards', id)
  if (existing && !changed) return 'unchanged'
  const counts = await countBoardNotices(deps, villageId, date)
  if (existing) {
    if (existing.praiseCount === counts.praiseCount && existing.criticismCount === counts.criticismCount) return 'unchanged'
    await deps.store.patch('boards', id, counts)
    return 'updated'
  }
  const village = await deps.store.get<Stored<Village>>('villages', villageId)
  const doc: BoardDoc = {
    _id: id,
    townshipId: village?.townshipId ?? deps.defaultTownshipId,
    villageId,
    date,
    publishedAt: deps.now().toISOString(),
    ...counts,
  }
  return (await deps.store.insertIfAbsent('boards', doc)) ? 'created' : 'unchanged'
}

async function countBoardNotices(deps: Deps, villageId: string, date: string) {
  const notices = await deps.store.find<Stored<Notice>>('notices', { where: { villageId, boardDate: date }, limit: 500 })
  return {
    praiseCount: notices.filter((n) => n.kind === 'praise').length,
    criticismCount: notices.filter((n) => n.kind === 'criticism').length,
  }
}
