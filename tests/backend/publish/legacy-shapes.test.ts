import { DEMO, makeDraft, makeTestApp, type TestApp } from '../../support/app-harness'
import { draftAsCadre, makeCriticism, makeNotice, ok, today } from '../../support/factories'
import { toDoc } from '../../../backend/repository'
import { runDailyPublish } from '../../../backend/publish/daily'
import { handleApiCall } from '../../../backend/router'
import type { DocumentStore } from '../../../core/store'
import { COLLECTION_NAMES } from '../../../backend/storage/collections'
import { startCloudbaseStandin, type CloudbaseStandin } from '../../support/cloudbase-standin'
import { makeCloudTestApp } from '../../support/cloud-test-app'

// A deployed township already has data: boards written by the code before boards carried their
// entries (counts only). They must keep reading, publishing and showing correctly, with no migration.

type App = Pick<TestApp, 'call' | 'deps' | 'clock'> & { store: DocumentStore; data(): Record<string, Array<Record<string, unknown>>> }

/** Today's board of 帖沟村 as the earlier code stored it, with a praise and a criticism on it. */
async function plantOldBoard(app: App) {
  const day = today(app as unknown as TestApp)
  await app.store.insert('notices', toDoc(makeNotice({ id: 'oldpraise', publishDate: day, boardDate: day, createdAt: `${day}T00:00:00.000Z` })))
  await app.store.insert('notices', toDoc(makeCriticism({ id: 'oldcrit', publishDate: day, boardDate: day, createdAt: `${day}T00:01:00.000Z` })))
  const board = { _id: `tiegou_${day}`, townshipId: 'fanggang', villageId: 'tiegou', date: day, publishedAt: `${day}T23:00:00.000Z`, praiseCount: 1, criticismCount: 1 }
  await app.store.insert('boards', board)
  return { day, board }
}

const labels = (board: { entries: Array<{ subjectLabel: string; noticeId: string }> }) => board.entries.map((e) => [e.noticeId, e.subjectLabel])

// Seeded at 06:30 China time, so the seed leaves today's boards to the test; then 10:00.
const SEEDED_AT = '2026-11-26T22:30:00.000Z'
const LATER = '2026-11-27T02:00:00.000Z'

function legacySuite(make: () => Promise<App>, close: (app: App) => void) {
  let app: App
  beforeEach(async () => {
    app = await make()
    app.clock.now = new Date(LATER)
  })
  afterEach(() => close(app))

  test('an old-shape board reads as before, with the public label for the criticism', async () => {
    await plantOldBoard(app)
    const board = await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))
    expect(labels(board)).toEqual([['oldpraise', '王建军（3组12号）'], ['oldcrit', '赵某某（2组）']])
    expect(board.script).toContain('赵某某（2组）')
    const internal = await ok(app.call(DEMO.cadre, 'board.get', { villageId: 'tiegou' }))
    expect(labels(internal)).toEqual([['oldpraise', '王建军（3组12号）'], ['oldcrit', '赵国庆（2组8号）']])
    const dates = await ok(app.call(null, 'board.listDates', { villageId: 'tiegou', limit: 1 }))
    expect(dates.items[0]).toMatchObject({ praiseCount: 1, criticismCount: 1 })
  })

  test('a late approval joins an old-shape board and shows on it', async () => {
    await plantOldBoard(app)
    const drafted = await draftAsCadre(app as unknown as TestApp, makeDraft({ publishDate: today(app as unknown as TestApp) }))
    await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' }))
    const board = await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))
    expect(board.entries.map((e: { noticeId: string }) => e.noticeId)).toEqual(['oldpraise', drafted.id, 'oldcrit'])
    const dates = await ok(app.call(null, 'board.listDates', { villageId: 'tiegou', limit: 1 }))
    expect(dates.items[0]).toMatchObject({ praiseCount: 2, criticismCount: 1 })
  })

  test('the daily run publishing into an old-shape board gives it its entries, old notices included', async () => {
    const { board } = await plantOldBoard(app)
    const day = board.date
    await app.store.insert('notices', toDoc(makeNotice({ id: 'due', status: 'approved', publishDate: day, boardDate: null, version: 2, createdAt: `${day}T00:02:00.000Z` })))
    const report = await runDailyPublish(app.deps)
    expect(report).toMatchObject({ noticesPublished: 1, boardsUpdated: 1 })
    const stored = app.data().boards.find((b) => b._id === board._id)!
    expect(stored).toMatchObject({ praiseCount: 2, criticismCount: 1, villageName: '帖沟村', revision: 1 })
    expect((stored.entries as Array<{ noticeId: string }>).map((e) => e.noticeId)).toEqual(['oldpraise', 'due', 'oldcrit'])
    expect(JSON.stringify(stored)).not.toContain('赵国庆')
    const shown = await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))
    expect(labels(shown)).toEqual([['oldpraise', '王建军（3组12号）'], ['due', '王建军（3组12号）'], ['oldcrit', '赵某某（2组）']])
  })

  test('整改完成 and an objection on an old-shape board show at once', async () => {
    await plantOldBoard(app)
    await ok(app.call(DEMO.cadre, 'notice.markRectified', { noticeId: 'oldcrit' }))
    expect((await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))).entries[1]).toMatchObject({ noticeId: 'oldcrit', rectified: true })
    await ok(app.call(DEMO.villager, 'objection.create', { noticeId: 'oldcrit', reason: '已经清理干净了，请核实。' }))
    expect(labels(await ok(app.call(null, 'board.get', { villageId: 'tiegou' })))).toEqual([['oldpraise', '王建军（3组12号）']])
  })
}

describe('old-shape documents on SQLite', () => {
  legacySuite(
    async () => {
      const app = await makeTestApp({ now: SEEDED_AT })
      return { ...app, data: () => app.store.dump() }
    },
    (app) => (app as unknown as TestApp).close(),
  )
})

describe('old-shape documents on the cloud adapter (stand-in)', () => {
  let standin: CloudbaseStandin
  beforeAll(async () => {
    standin = await startCloudbaseStandin({ collections: COLLECTION_NAMES })
  })
  afterAll(() => standin.close())
  legacySuite(
    async () => {
      const app = await makeCloudTestApp(standin, { now: SEEDED_AT })
      return { ...app, data: () => app.dump() }
    },
    () => undefined,
  )
})

describe('board.get reads', () => {
  let app: TestApp
  beforeEach(async () => {
    app = await makeTestApp()
  })
  afterEach(() => app.close())

  /** The store's reads during one call, and the most that were in flight at once. */
  async function readsOf(openid: string | null) {
    const inner = app.store as DocumentStore
    const seen = { reads: 0, inFlight: 0, most: 0 }
    const track = <T>(read: () => Promise<T>) => {
      seen.reads++
      seen.inFlight++
      seen.most = Math.max(seen.most, seen.inFlight)
      return new Promise<T>((resolve, reject) => setTimeout(() => read().then(resolve, reject).finally(() => seen.inFlight--), 5))
    }
    const store: DocumentStore = {
      ...inner,
      get: (c, id) => track(() => inner.get(c, id)),
      find: (c, q) => track(() => inner.find(c, q)),
      count: (c, w) => track(() => inner.count(c, w)),
    }
    const response = await handleApiCall({ action: 'board.get', data: { villageId: 'tiegou' } }, openid, { ...app.deps, store })
    expect(response.ok).toBe(true)
    return seen
  }

  beforeEach(async () => {
    await runDailyPublish(app.deps)
  })

  test('an anonymous visitor costs one read', async () => {
    expect(await readsOf(null)).toMatchObject({ reads: 1 })
  })

  test.each([
    ['a villager', DEMO.villager],
    ['an OPENID with no person record', 'someone-new'],
  ])('%s costs two reads, issued together', async (_label, openid) => {
    expect(await readsOf(openid)).toMatchObject({ reads: 2, most: 2 })
  })
})
