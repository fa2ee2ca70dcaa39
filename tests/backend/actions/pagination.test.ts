import { makeTestApp, DEMO, type TestApp } from '../../support/app-harness'
import { ok } from '../../support/factories'
import { makeObjection } from '../../support/action-fixtures'
import { makeNotice } from '../../support/factories'
import { toDoc } from '../../../backend/repository'
import { encodeCursor } from '../../../backend/pagination'
import type { ActionName } from '../../../types/api'

// Every paginated list orders by its key and then _id: items created in the same millisecond,
// across a page boundary, are each seen exactly once.

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
})
afterEach(() => app.close())

const SAME_INSTANT = '2026-11-27T01:00:00.123Z'

/** Every item of the list, page by page (`limit` per page), with `idOf` naming each. */
async function walk(openid: string | null, action: ActionName, data: Record<string, unknown>, idOf: (item: any) => string, limit: number) {
  const seen: string[] = []
  let cursor: string | undefined
  for (let pages = 0; pages < 100; pages++) {
    const page = await ok(app.call(openid, action, { ...data, limit, ...(cursor ? { cursor } : {}) } as never))
    seen.push(...page.items.map(idOf))
    cursor = page.nextCursor ?? undefined
    if (!cursor) return seen
  }
  throw new Error('the list never ended')
}

const once = (ids: string[]) => [...new Set(ids)].length === ids.length

describe('pagination across items that share their key', () => {
  test('notice.listDrafts', async () => {
    const ids = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7']
    for (const id of ids) await app.store.insert('notices', toDoc(makeNotice({ id, status: 'pending', boardDate: null, createdAt: SAME_INSTANT })))
    for (const limit of [1, 2, 3, 5]) {
      const seen = await walk(DEMO.cadre, 'notice.listDrafts', { villageId: 'tiegou', status: 'pending' }, (n) => n.id, limit)
      expect(once(seen)).toBe(true)
      expect(seen.filter((id) => ids.includes(id)).sort()).toEqual(ids)
      const all = await walk(DEMO.cadre, 'notice.listDrafts', { villageId: 'tiegou' }, (n) => n.id, limit)
      expect(once(all)).toBe(true)
      expect(all.filter((id) => ids.includes(id)).sort()).toEqual(ids)
    }
  })

  test('objection.listOpen', async () => {
    const ids = ['o1', 'o2', 'o3', 'o4', 'o5']
    await app.store.insert('notices', toDoc(makeNotice({ id: 'n1', kind: 'criticism', openObjections: ids.length })))
    for (const id of ids) await app.store.insert('objections', toDoc(makeObjection({ id, noticeId: 'n1', openid: `p-${id}`, createdAt: SAME_INSTANT })))
    for (const limit of [1, 2, 4]) {
      const seen = await walk(DEMO.secretary, 'objection.listOpen', { villageId: 'tiegou' }, (o) => o.id, limit)
      expect(seen.sort()).toEqual(ids)
    }
  })

  test('village.list', async () => {
    for (const id of ['dupa', 'dupb', 'dupc']) await app.store.insert('villages', { _id: id, townshipId: 'fanggang', name: id, order: 3 })
    for (const limit of [1, 3, 4, 10]) {
      const seen = await walk(null, 'village.list', {}, (v) => v.id, limit)
      expect(once(seen)).toBe(true)
      expect(seen).toHaveLength(27)
    }
  })

  test('board.listDates', async () => {
    const dates = ['2025-01-20', '2025-01-21', '2025-01-22', '2025-01-23']
    for (const date of dates) await app.store.insert('boards', { _id: `tiegou_${date}`, townshipId: 'fanggang', villageId: 'tiegou', date, publishedAt: SAME_INSTANT, praiseCount: 0, criticismCount: 0 })
    for (const limit of [1, 2, 3]) {
      const seen = await walk(null, 'board.listDates', { villageId: 'tiegou' }, (b) => b.date, limit)
      expect(once(seen)).toBe(true)
      expect(seen).toEqual([...seen].sort().reverse())
      expect(seen.filter((d) => dates.includes(d))).toEqual([...dates].reverse())
    }
  })

  test.each([
    ['a day (the old cursor)', '2026-11-20'],
    ['base64 of something else', Buffer.from('{"a":1}').toString('base64url')],
    ['a cursor with a key of the wrong type', encodeCursor(5, 'x')],
    ['a cursor with an id no record has the shape of', encodeCursor('2026-11-20', 'a b')],
  ])('refuses %s as a cursor with INVALID_INPUT', async (_label, cursor) => {
    const response = await app.call(null, 'board.listDates', { villageId: 'tiegou', cursor })
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const villages = await app.call(null, 'village.list', { cursor: encodeCursor('3', 'x') })
    expect(villages).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
