import type { Notice } from '../../types/notice'
import type { BoardDate } from '../../types/board'
import { buildBroadcastScript } from '../../core/broadcast'
import { holdsVillageRole } from '../../core/permissions'
import { isPubliclyVisible, toBoardEntry } from '../../core/notice-rules'
import { defineHandler } from '../action'
import { getVillage, toRecord, type Stored } from '../repository'
import { keysetPage } from '../pagination'
import { boardId, carriesEntries, publicEntries, type BoardDoc } from '../publish/board-doc'

/**
 * A day's board. Villagers see the public view; the village's cadres see full names and old criticisms.
 * The public view of a board in the current shape is its one document (read in parallel with the
 * caller's person record): 1 read anonymous, 2 in parallel with an OPENID. The cadres' view, and
 * boards stored before boards carried their entries, read the village and the notices too.
 */
export const getBoard = defineHandler('board.get', {
  prefetch: (input, ctx) => ctx.deps.store.get<BoardDoc>('boards', boardId(input.villageId, input.date ?? ctx.today)),
  async handle(input, ctx) {
    const date = input.date ?? ctx.today
    const board = ctx.prefetched === undefined ? await ctx.deps.store.get<BoardDoc>('boards', boardId(input.villageId, date)) : (ctx.prefetched as BoardDoc | null)
    const internal = holdsVillageRole(ctx.caller, ['cadre', 'secretary'], input.villageId)
    if (board && !internal && carriesEntries(board) && typeof board.villageName === 'string') {
      const entries = publicEntries(board, ctx.today)
      return {
        id: board._id, villageId: board.villageId, villageName: board.villageName, date, publishedAt: board.publishedAt,
        entries, script: buildBroadcastScript(board.villageName, date, entries, board.awards ?? []), internal: false, awards: board.awards ?? [],
      }
    }
    const village = await getVillage(ctx.deps.store, input.villageId)
    if (!board) return null
    const notices = (
      await ctx.deps.store.find<Stored<Notice>>('notices', {
        where: { villageId: village.id, boardDate: date },
        limit: 500,
      })
    )
      .map((d) => toRecord<Notice>(d))
      .filter((n) => (internal ? n.status === 'published' : isPubliclyVisible(n, ctx.today)))
      .sort((a, b) => (a.kind === b.kind ? a.createdAt.localeCompare(b.createdAt) : a.kind === 'praise' ? -1 : 1))
    const entries = notices.map((n) => toBoardEntry(n, internal))
    // The 广播稿 goes out over the loudspeaker to everyone, so even the cadres' copy is the public view.
    const publicView = internal ? notices.filter((n) => isPubliclyVisible(n, ctx.today)).map((n) => toBoardEntry(n, false)) : entries
    return {
      id: board._id,
      villageId: village.id,
      villageName: village.name,
      date,
      publishedAt: board.publishedAt,
      entries,
      script: buildBroadcastScript(village.name, date, publicView, board.awards ?? []),
      internal,
      awards: board.awards ?? [],
    }
  },
})

export const listBoardDates = defineHandler('board.listDates', {
  async handle(input, ctx) {
    const village = await getVillage(ctx.deps.store, input.villageId)
    const page = await keysetPage<BoardDoc>(ctx.deps.store, {
      collection: 'boards',
      where: { villageId: village.id },
      key: 'date', keyType: 'string', direction: 'desc', limit: input.limit, cursor: input.cursor,
    })
    const items: BoardDate[] = page.docs.map((b) => ({ date: b.date, praiseCount: b.praiseCount, criticismCount: b.criticismCount }))
    return { items, nextCursor: page.nextCursor }
  },
})
