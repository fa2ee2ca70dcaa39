import type { Notice } from '../../types/notice'
import type { Village } from '../../types/village'
import { auditDoc, auditId, type AuditEntry } from '../audit'
import type { Where } from '../../core/store'
import type { Deps } from '../deps'
import { toRecord, type Stored } from '../repository'
import { boardId, carriesEntries, entryFields, mergeEntries, sameEntries, type BoardDoc, type StoredBoardEntry } from './board-doc'
import { chunks, mapLimit, MAX_PARALLEL_REQUESTS } from './parallel'
import type { Award, BoardAward } from '../../types/award'
import { mergeAwards, toBoardAward } from '../../core/award-rules'

/** The cloud answers at most 1000 documents per get. */
const PAGE = 1000
const IN_MAX = 100
const SYSTEM_ACTOR = 'system:publish'
const MAX_BOARD_ATTEMPTS = 5

export interface PublishReport {
  date: string
  noticesPublished: number
  boardsCreated: number
  boardsUpdated: number
}

interface Run {
  deps: Deps
  date: string
  at: string
  report: PublishReport
  /** Boards known to this run, by id: the day's boards read up front, then whatever it wrote. */
  boards: Map<string, BoardDoc>
  villages: Map<string, Village>
  /** The day's confirmed awards (每周之星 …), by board id: each board of the day carries them as its own block. */
  awards: Map<string, BoardAward[]>
}

/**
 * Publishes every approved notice due on or before `date` into `date`'s board, then makes sure each
 * village (or just `villageId`) has exactly one board for `date`. Built for the cloud's time limit:
 * a handful of queries for the whole run, then writes in bounded parallel (MAX_PARALLEL_REQUESTS),
 * with no transaction. Safe to repeat, late, concurrently or after a failure at any request, by
 * its order of writes:
 *
 * 1. each notice's publish audit entry (its id is the notice's next version, so it is written once;
 *    it names the board day, and a later run that finds it keeps that day — the notice's "claim");
 * 2. each board, holding its notices' public entries (compare-and-set on `revision`; a board's id is
 *    its village and day, so it exists once);
 * 3. the notices, approved → published, in multi-document updates that match only approved ones.
 *
 * A run cut off anywhere leaves notices still approved, and the next run redoes steps 1–3 for them
 * (1 and 2 finding their work done). A second run finds nothing due and every board present: it writes nothing.
 */
export async function publishDueNotices(deps: Deps, options: { date: string; villageId?: string }): Promise<PublishReport> {
  const { date, villageId } = options
  const run: Run = {
    deps, date, at: deps.now().toISOString(),
    report: { date, noticesPublished: 0, boardsCreated: 0, boardsUpdated: 0 },
    boards: new Map(), villages: new Map(), awards: new Map(),
  }
  const villages = villageId ? await oneVillage(deps, villageId) : await allVillages(deps)
  for (const village of villages) run.villages.set(village.id, village)
  await loadBoards(run, villages, villageId)
  await loadAwards(run, villages, villageId)

  for (;;) {
    const due = await findDue(deps, date, villageId)
    if (due.length === 0) break
    await publishBatch(run, due)
    if (due.length < PAGE) break
  }

  const missing = villages.filter((v) => !run.boards.has(boardId(v.id, date)))
  await mapLimit(missing, MAX_PARALLEL_REQUESTS, (village) => putOnBoard(run, boardId(village.id, date), village.id, date, []))
  // Boards that were already out (a late approval made them) still take the day's awards; a no-op once they carry them.
  const awarded = villages.filter((v) => run.awards.has(boardId(v.id, date)))
  await mapLimit(awarded, MAX_PARALLEL_REQUESTS, (village) => putOnBoard(run, boardId(village.id, date), village.id, date, []))
  return run.report
}

async function oneVillage(deps: Deps, villageId: string): Promise<Village[]> {
  const doc = await deps.store.get<Stored<Village>>('villages', villageId)
  return doc ? [toRecord<Village>(doc)] : []
}

async function allVillages(deps: Deps): Promise<Village[]> {
  const townships = await deps.store.find<{ _id: string }>('townships', { where: {}, limit: PAGE })
  const pages = await Promise.all(
    townships.map(async (township) => {
      const out: Village[] = []
      let after = -1
      for (;;) {
        const page = await deps.store.find<Stored<Village>>('villages', {
          where: { townshipId: township._id, order: { $gt: after } },
          orderBy: [['order', 'asc']],
          limit: PAGE,
        })
        out.push(...page.map((v) => toRecord<Village>(v)))
        if (page.length < PAGE) return out
        after = page[page.length - 1].order
      }
    }),
  )
  return pages.flat()
}

/** The day's existing boards: one query per township (or one read for a single village). */
async function loadBoards(run: Run, villages: Village[], villageId?: string): Promise<void> {
  const { deps, date } = run
  if (villageId) {
    const board = await deps.store.get<BoardDoc>('boards', boardId(villageId, date))
    if (board) run.boards.set(board._id, board)
    return
  }
  const townshipIds = [...new Set(villages.map((v) => v.townshipId))]
  await Promise.all(
    townshipIds.map(async (townshipId) => {
      const boards = await deps.store.find<BoardDoc>('boards', { where: { townshipId, date }, limit: PAGE })
      for (const board of boards) run.boards.set(board._id, board)
    }),
  )
}

/** The day's confirmed awards: one query per township (or per village). */
async function loadAwards(run: Run, villages: Village[], villageId?: string): Promise<void> {
  const { deps, date } = run
  const wheres: Where[] = villageId ? [{ villageId, boardDate: date }] : [...new Set(villages.map((v) => v.townshipId))].map((townshipId) => ({ townshipId, boardDate: date }))
  await Promise.all(
    wheres.map(async (where) => {
      const docs = await deps.store.find<Stored<Award>>('awards', { where, limit: PAGE })
      for (const award of docs.map((d) => toRecord<Award>(d))) {
        if (award.status !== 'confirmed') continue
        const id = boardId(award.villageId, date)
        run.awards.set(id, mergeAwards(run.awards.get(id) ?? [], [toBoardAward(award)]))
      }
    }),
  )
}

async function findDue(deps: Deps, date: string, villageId?: string): Promise<Notice[]> {
  const where: Where = { status: 'approved', publishDate: { $lte: date } }
  if (villageId) where.villageId = villageId
  const docs = await deps.store.find<Stored<Notice>>('notices', { where, orderBy: [['publishDate', 'asc']], limit: PAGE })
  return docs.map((d) => toRecord<Notice>(d))
}

const publishAuditId = (notice: Notice) => auditId('notice', notice.id, notice.version + 1)

async function publishBatch(run: Run, due: Notice[]): Promise<void> {
  const { deps, date } = run
  // 1. Claims an interrupted run left: the board day its audit entry names.
  const claims = new Map<string, string>()
  await mapLimit(chunks(due.map(publishAuditId), IN_MAX), MAX_PARALLEL_REQUESTS, async (ids) => {
    const entries = await deps.store.find<AuditEntry>('audit', { where: { _id: { $in: ids } }, limit: ids.length })
    for (const entry of entries) {
      const boardDate = (entry.after as Partial<Notice> | null)?.boardDate
      if (entry.action === 'notice.publish' && typeof boardDate === 'string') claims.set(entry.entityId, boardDate)
    }
  })
  const published = due.map((before) => {
    const after: Notice = { ...before, status: 'published', boardDate: claims.get(before.id) ?? date, version: before.version + 1 }
    return { before, after }
  })
  await mapLimit(
    published.filter(({ before }) => !claims.has(before.id)),
    MAX_PARALLEL_REQUESTS,
    ({ before, after }) =>
      deps.store.insertIfAbsent('audit', {
        ...auditDoc({
          townshipId: before.townshipId, at: run.at, actor: SYSTEM_ACTOR, action: 'notice.publish',
          entity: 'notice', entityId: before.id, before, after, version: after.version,
        }),
      }),
  )

  // 2. Boards, before the notices: a notice is published only once its board shows it.
  const byBoard = new Map<string, Notice[]>()
  for (const { after } of published) {
    const id = boardId(after.villageId, after.boardDate!)
    byBoard.set(id, [...(byBoard.get(id) ?? []), after])
  }
  await mapLimit([...byBoard], MAX_PARALLEL_REQUESTS, ([id, notices]) => putOnBoard(run, id, notices[0].villageId, notices[0].boardDate!, notices))

  // 3. The notices, by (board day, version): multi-document updates that only move approved ones.
  const groups = new Map<string, Notice[]>()
  for (const { before, after } of published) {
    const key = `${after.boardDate}\u0000${before.version}`
    groups.set(key, [...(groups.get(key) ?? []), before])
  }
  const updates = [...groups.values()].flatMap((notices) => chunks(notices, IN_MAX))
  const changed = await mapLimit(updates, MAX_PARALLEL_REQUESTS, (notices) => {
    const { version } = notices[0]
    const where: Where = { _id: { $in: notices.map((n) => n.id) }, status: 'approved', version }
    return deps.store.updateWhere('notices', where, { status: 'published', boardDate: claims.get(notices[0].id) ?? date, version: version + 1 })
  })
  run.report.noticesPublished += changed.reduce((sum, n) => sum + n, 0)
}

/**
 * Makes board `id` (village, day) exist and show `notices`: creates it, or merges them into its
 * entries with a compare-and-set on its revision (a concurrent 整改完成 or late approval may have
 * changed it since it was read; then it is read again). A board in the old shape (counts only)
 * gets its entries rebuilt from the notices published on it.
 */
async function putOnBoard(run: Run, id: string, villageId: string, date: string, notices: Notice[]): Promise<void> {
  const { deps } = run
  let board: BoardDoc | null | undefined = run.boards.get(id)
  const dayAwards = run.awards.get(id)
  for (let attempt = 0; attempt < MAX_BOARD_ATTEMPTS; attempt++) {
    if (board === undefined) board = await deps.store.get<BoardDoc>('boards', id)
    const village = run.villages.get(villageId) ?? (await oneVillage(deps, villageId))[0]
    if (!board) {
      const doc: BoardDoc = {
        _id: id,
        townshipId: village?.townshipId ?? notices[0]?.townshipId ?? deps.defaultTownshipId,
        villageId,
        date,
        publishedAt: run.at,
        villageName: village?.name ?? '',
        ...entryFields(mergeEntries([], notices)),
        ...(dayAwards ? { awards: dayAwards } : {}),
        revision: 1,
      }
      if (await deps.store.insertIfAbsent('boards', doc)) {
        run.boards.set(id, doc)
        run.report.boardsCreated++
        return
      }
      board = undefined
      continue
    }
    const base = carriesEntries(board) ? board.entries : await entriesFromNotices(run, board)
    const entries = mergeEntries(base, notices)
    const awards = dayAwards ? mergeAwards(board.awards ?? [], dayAwards) : undefined
    const sameAwards = !awards || JSON.stringify(awards) === JSON.stringify(board.awards ?? [])
    if (carriesEntries(board) && sameEntries(entries, board.entries) && sameAwards) {
      run.boards.set(id, board)
      return
    }
    const fields = { ...entryFields(entries), villageName: board.villageName ?? village?.name ?? '', ...(awards ? { awards } : {}), revision: (board.revision ?? 0) + 1 }
    if (await deps.store.patchIf('boards', id, { revision: board.revision ?? null }, fields)) {
      run.boards.set(id, { ...board, ...fields })
      run.report.boardsUpdated++
      return
    }
    board = undefined
  }
  throw new Error(`board ${id} kept changing while being published`)
}

/** An old-shape board's entries, from the notices published on it. */
async function entriesFromNotices(run: Run, board: BoardDoc): Promise<StoredBoardEntry[]> {
  const docs = await run.deps.store.find<Stored<Notice>>('notices', { where: { villageId: board.villageId, boardDate: board.date }, limit: 500 })
  const notices = docs.map((d) => toRecord<Notice>(d)).filter((n) => n.status === 'published' || n.status === 'withdrawn')
  return mergeEntries([], notices)
}
