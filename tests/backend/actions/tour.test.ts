import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { makeAppOnStore, DEMO } from '../../support/app-harness'
import { createSqliteStore } from '../../../backend/storage/sqlite'
import { countingStore } from '../../../bench/counting-store'
import { ok } from '../../support/factories'

// 季度观摩 through the router: a leader creates a tour, secretaries and leaders score the stops
// (never their own village), the leader closes stops and the tour, sees the ranking, turns a
// comment into a checklist item, exports the table; the dashboard shows the latest ranking.

const FANGDONG_SECRETARY = 'demo-secretary-fangdong'
const DUANCUN_SECRETARY = 'demo-secretary-duancun'


async function makeApp() {
  const raw = createSqliteStore({ file: ':memory:' })
  const store = countingStore(raw)
  const app = await makeAppOnStore(store, { idPrefix: 'tr' })
  // Answers read loosely (ok or error) in this file's assertions.
  const call = (...args: Parameters<typeof app.call>): Promise<any> => app.call(...args)
  return { ...app, call, store, raw, close: () => raw.close() }
}
type App = Awaited<ReturnType<typeof makeApp>>

const ROUTE = ['tiegou', 'fangdong', 'duancun']
const points = (...p: number[]) => p

describe('季度观摩', () => {
  let app: App
  let tourId: string
  beforeAll(async () => {
    app = await makeApp()
  }, 60_000)
  afterAll(() => app.close())

  it('a leader creates a tour with the default sheet; the same request id answers the first tour', async () => {
    const input = { quarter: '2026-Q4', date: '2026-11-27', route: ROUTE, requestId: 'tour-create-0001' }
    const tour = await ok(app.call(DEMO.leader, 'tour.create', input))
    expect(tour.criteria.map((c: { name: string }) => c.name)).toEqual(['支部建设', '产业发展', '生态宜居', '平安法治', '文明幸福'])
    expect(tour.stops.map((s: { villageName: string }) => s.villageName)).toEqual(['帖沟村', '方东村', '段村'])
    expect(tour.title).toBe('2026 年第 4 季度观摩')
    const again = await ok(app.call(DEMO.leader, 'tour.create', input))
    expect(again.id).toBe(tour.id)
    expect((await ok(app.call(DEMO.leader, 'tour.list', { limit: 20 }))).items.filter((t: { id: string }) => t.id === tour.id)).toHaveLength(1)
    tourId = tour.id
  })

  it('refuses a route with repeats, a village of no township, or a criterion out of range', async () => {
    const bad = [
      { quarter: '2026-Q4', date: '2026-11-27', route: ['tiegou', 'tiegou'] },
      { quarter: '2026-Q4', date: '2026-11-27', route: ['tiegou', 'nowhere'] },
      { quarter: '2026-Q5', date: '2026-11-27', route: ['tiegou'] },
      { quarter: '2026-Q4', date: '2026-11-27', route: ['tiegou'], criteria: [{ name: '支部建设', max: 0 }] },
    ]
    const before = app.raw.dump().tours.length
    for (const data of bad) {
      const res = await app.call(DEMO.leader, 'tour.create', data as never)
      expect(res.ok ? 'ok' : res.error.code).toMatch(/INVALID_INPUT|NOT_FOUND/)
    }
    expect(app.raw.dump().tours.length).toBe(before)
    // A secretary may score but not run a tour.
    expect((await app.call(DEMO.secretary, 'tour.create', { quarter: '2026-Q4', date: '2026-11-27', route: ROUTE })).error.code).toBe('FORBIDDEN')
  })

  it('secretaries score other villages; their own village is refused in Chinese; points stay within the sheet', async () => {
    const own = await app.call(DEMO.secretary, 'tour.score', { tourId, villageId: 'tiegou', points: points(18, 18, 18, 18, 18) })
    expect(own.ok).toBe(false)
    expect(own.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('不能给本村（帖沟村）评分') })
    const over = await app.call(FANGDONG_SECRETARY, 'tour.score', { tourId, villageId: 'tiegou', points: points(21, 18, 18, 18, 18) })
    expect(over.error).toMatchObject({ code: 'INVALID_INPUT', message: '“支部建设”最多 20 分' })
    const short = await app.call(FANGDONG_SECRETARY, 'tour.score', { tourId, villageId: 'tiegou', points: points(18, 18) })
    expect(short.error.code).toBe('INVALID_INPUT')
    expect(app.raw.dump().tourSheets.filter((s: any) => s.tourId === tourId)).toHaveLength(0)

    await ok(app.call(FANGDONG_SECRETARY, 'tour.score', { tourId, villageId: 'tiegou', points: points(15, 15, 15, 15, 15), comment: '三会一课记录需按月归档', requestId: 'score-fd-0001' }))
    // Re-scoring replaces the sheet; a retried request answers its first result without applying again.
    const replaced = await ok(app.call(FANGDONG_SECRETARY, 'tour.score', { tourId, villageId: 'tiegou', points: points(18, 17, 16, 19, 20), comment: '三会一课记录需按月归档', requestId: 'score-fd-0002' }))
    expect(replaced.total).toBe(90)
    const retried = await ok(app.call(FANGDONG_SECRETARY, 'tour.score', { tourId, villageId: 'tiegou', points: points(15, 15, 15, 15, 15), requestId: 'score-fd-0001' }))
    expect(retried.total).toBe(75)
    expect(app.raw.dump().tourSheets.filter((s: any) => s.tourId === tourId).map((s: any) => s.total)).toEqual([90])

    await ok(app.call(DUANCUN_SECRETARY, 'tour.score', { tourId, villageId: 'tiegou', points: points(16, 16, 16, 16, 16), comment: '曝光台坚持天天更新' }))
    await ok(app.call(DEMO.leader, 'tour.score', { tourId, villageId: 'tiegou', points: points(17, 17, 17, 17, 17) }))
    await ok(app.call(DEMO.secretary, 'tour.score', { tourId, villageId: 'fangdong', points: points(14, 14, 14, 14, 14), comment: '村道绿化还有短板' }))
    await ok(app.call(DEMO.leader, 'tour.score', { tourId, villageId: 'fangdong', points: points(19, 19, 19, 19, 19) }))
    // A cadre is no scorer.
    expect((await app.call(DEMO.cadre, 'tour.score', { tourId, villageId: 'fangdong', points: points(1, 1, 1, 1, 1) })).error.code).toBe('FORBIDDEN')
  })

  it('tour.get shows each stop\'s 资料查阅 and the caller\'s own sheet, hides others\' until the stop closes, in fixed reads', async () => {
    app.store.reset()
    const view = await ok(app.call(DEMO.secretary, 'tour.get', { tourId }))
    // The caller (1) + the tour (2: the permission target, then the handler) + sheets, ratings, compliance, checklist tallies, catalogue (5), whatever the stops and scorers.
    expect(app.store.counts().reads).toBe(8)
    const [tiegou, fangdong] = view.stops
    expect(tiegou.canScore).toBe(false)
    expect(fangdong.canScore).toBe(true)
    expect(fangdong.mine.total).toBe(70)
    expect(tiegou.sheets).toBe(3)
    expect(tiegou.result).toBeNull()
    expect(tiegou.comments).toBeNull()
    expect(tiegou.evidence.months.map((m: { month: string }) => m.month)).toEqual(['2026-09', '2026-10', '2026-11'])
    expect(tiegou.evidence.stars).toHaveLength(5)
    expect(view.ranking).toBeNull()
  })

  it('closing a stop ends its scoring and shows its result and comments', async () => {
    const closed = await ok(app.call(DEMO.leader, 'tour.close', { tourId, villageId: 'tiegou' }))
    expect(closed.stops[0].status).toBe('closed')
    expect(closed.status).toBe('open')
    const late = await app.call(DUANCUN_SECRETARY, 'tour.score', { tourId, villageId: 'tiegou', points: points(20, 20, 20, 20, 20) })
    expect(late.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('评分已结束') })
    const view = await ok(app.call(DEMO.leader, 'tour.get', { tourId }))
    expect(view.stops[0].result).toMatchObject({ mean: 85, min: 80, max: 90, spread: 10, scorers: 3 })
    expect(view.stops[0].comments.map((c: { comment: string }) => c.comment).sort()).toEqual(['三会一课记录需按月归档', '曝光台坚持天天更新'].sort())
    expect((await app.call(DEMO.secretary, 'tour.close', { tourId, villageId: 'fangdong' })).error.code).toBe('FORBIDDEN')
  })

  it('closing the tour ranks the visited villages; the dashboard shows that ranking', async () => {
    const closed = await ok(app.call(DEMO.leader, 'tour.close', { tourId }))
    expect(closed.status).toBe('closed')
    expect(closed.ranking.map((r: any) => [r.rank, r.villageName, r.mean, r.scorers])).toEqual([
      [1, '帖沟村', 85, 3],
      [2, '方东村', 82.5, 2],
    ])
    expect((await app.call(DEMO.leader, 'tour.close', { tourId })).error.code).toBe('CONFLICT')
    const dashboard = await ok(app.call(DEMO.leader, 'dashboard.get', { year: 2026 }))
    expect(dashboard.latestTour).toMatchObject({ tourId, ranking: [{ villageName: '帖沟村', rank: 1 }, { villageName: '方东村' }] })
  })

  it('差距清单: the leader turns a comment into a checklist item of the village in one step', async () => {
    const view = await ok(app.call(DEMO.leader, 'tour.get', { tourId }))
    const comment = view.stops[0].comments.find((c: { comment: string }) => c.comment === '三会一课记录需按月归档')
    const holders = await ok(app.call(DEMO.leader, 'role.list', { villageId: 'tiegou' }))
    const owner = holders.items.find((h: { name: string }) => h.name === '张建国')
    const input = { tourId, sheetId: comment.id, ownerRef: owner.ref, dueMonth: '2026-12', star: 1 as const, requestId: 'gap-item-0001' }
    const item = await ok(app.call(DEMO.leader, 'tour.toChecklist', input))
    expect(item).toMatchObject({ villageId: 'tiegou', text: '观摩点评：三会一课记录需按月归档', ownerName: '张建国', dueMonth: '2026-12', star: 1, status: 'open' })
    expect((await ok(app.call(DEMO.leader, 'tour.toChecklist', input))).id).toBe(item.id)
    expect((await app.call(DEMO.leader, 'tour.toChecklist', { ...input, requestId: 'gap-item-0002' })).error.code).toBe('CONFLICT')
    const list = await ok(app.call(DEMO.cadre, 'checklist.list', { villageId: 'tiegou', limit: 50 }))
    expect(list.items.filter((i: { id: string }) => i.id === item.id)).toHaveLength(1)
    const again = await ok(app.call(DEMO.leader, 'tour.get', { tourId }))
    expect(again.stops[0].comments.find((c: { id: string }) => c.id === comment.id).checklistItemId).toBe(item.id)
  })

  it('exports the score table to .xlsx', async () => {
    const res = await ok(app.call(DEMO.leader, 'export.tour', { tourId }))
    expect(res.fileName).toBe('2026 年第 4 季度观摩评分表.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path.join(app.filesDir, res.url.replace(/^\//, '')))
    const rank = book.getWorksheet('排名')!
    expect(rank.getRow(2).values).toEqual(expect.arrayContaining(['名次', '村', '平均分', '支部建设（20）']))
    expect(rank.getRow(3).getCell(2).value).toBe('帖沟村')
    expect(book.getWorksheet('评分明细')!.rowCount).toBe(1 + 5)
    expect(fs.existsSync(path.join(app.filesDir, res.url.replace(/^\//, '')))).toBe(true)
  })

  it('scores arriving together all land, one sheet per person; a twin request lands once', async () => {
    const tour = await ok(app.call(DEMO.leader, 'tour.create', { quarter: '2026-Q4', date: '2026-11-28', route: ['fangbei'] }))
    const score = (openid: string, requestId?: string) => app.call(openid, 'tour.score', { tourId: tour.id, villageId: 'fangbei', points: [10, 10, 10, 10, 10], ...(requestId ? { requestId } : {}) })
    const answers = await Promise.all([score(DEMO.secretary), score(FANGDONG_SECRETARY), score(DUANCUN_SECRETARY), score(DEMO.leader, 'twin-score-01'), score(DEMO.leader, 'twin-score-01')])
    expect(answers.every((a) => a.ok)).toBe(true)
    expect(app.raw.dump().tourSheets.filter((s: any) => s.tourId === tour.id)).toHaveLength(4)
    // A close and a late score together: the score lands before the close or is refused after it.
    const [late, closed] = await Promise.all([score(FANGDONG_SECRETARY), app.call(DEMO.leader, 'tour.close', { tourId: tour.id })])
    expect(closed.ok).toBe(true)
    expect(late.ok || late.error.code === 'CONFLICT').toBe(true)
  })

  it('the seed holds one finished tour with its sheets', async () => {
    const seeded: any = app.raw.dump().tours.find((t: any) => t._id === 'seed-tour-1')
    expect(seeded).toMatchObject({ status: 'closed' })
    expect(seeded.ranking).toHaveLength(4)
    expect(app.raw.dump().tourSheets.filter((s: any) => s.tourId === 'seed-tour-1').length).toBe(4 * 4)
  })
})
