import { DEMO, makeDraft, makeTestApp, type TestApp } from '../../support/app-harness'
import { dayFromToday, draftAndApprove, insertOtherVillageCadre, makeCriticismDraft, ok, setChinaTime, today } from '../../support/factories'
import { maskName } from '../../../core/notice-rules'
import { runDailyPublish } from '../../../backend/publish/daily'
import { describeAuthorization, EVERYONE } from './authorization'

let app: TestApp
afterEach(() => app.close())

type Entry = { noticeId: string; kind: string; subjectLabel: string; text: string }

describe('the daily board, from draft to the morning loudspeaker', () => {
  const praiseDraft = makeDraft({ subject: { name: '王建军', householdNo: '3组12号' } })
  const criticismDraft = makeCriticismDraft({ subject: { name: '赵国庆', householdNo: '2组8号' } })
  let praiseId: string
  let criticismId: string
  let day: string

  beforeEach(async () => {
    app = await makeTestApp()
    day = dayFromToday(app, 1)
    praiseId = (await draftAndApprove(app, { ...praiseDraft, publishDate: day })).id
    criticismId = (await draftAndApprove(app, { ...criticismDraft, publishDate: day })).id
    setChinaTime(app, day, '07:00')
    await runDailyPublish(app.deps)
  })

  const entryOf = (board: { entries: Entry[] }, id: string) => board.entries.find((e) => e.noticeId === id)

  it('shows a villager both notices on today’s board', async () => {
    const board = await ok(app.call(DEMO.villager, 'board.get', { villageId: 'tiegou' }))
    expect(board.date).toBe(day)
    expect(board.entries.map((e: Entry) => e.noticeId).sort()).toEqual([praiseId, criticismId].sort())
  })

  it('shows an anonymous visitor the same public board as a villager', async () => {
    const asVisitor = await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))
    const asVillager = await ok(app.call(DEMO.villager, 'board.get', { villageId: 'tiegou' }))
    expect(asVisitor).toEqual(asVillager)
  })

  it('lists praise before criticism', async () => {
    const board = await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))
    expect(board.entries.map((e: Entry) => e.kind)).toEqual(['praise', 'criticism'])
  })

  it('masks the criticised name on the public board and names the 组 only, never the house', async () => {
    const board = await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))
    expect(entryOf(board, criticismId)?.subjectLabel).toBe('赵某某（2组）')
    expect(JSON.stringify(board)).not.toContain('8号')
  })

  it('reads the 组 only out over the loudspeaker too', async () => {
    const board = await ok(app.call(DEMO.cadre, 'board.get', { villageId: 'tiegou' }))
    expect(board.script).toContain('赵某某（2组）')
    expect(board.script).not.toContain('2组8号')
  })

  it('never sends the criticised full name to the public, anywhere in the answer', async () => {
    const response = await app.call(null, 'board.get', { villageId: 'tiegou' })
    expect(JSON.stringify(response)).not.toContain(criticismDraft.subject.name)
  })

  it('shows the praised name in full', async () => {
    const board = await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))
    expect(entryOf(board, praiseId)?.subjectLabel).toBe(`${praiseDraft.subject.name}（${praiseDraft.subject.householdNo}）`)
  })

  it('carries a loudspeaker script that reads out both notices', async () => {
    const board = await ok(app.call(DEMO.villager, 'board.get', { villageId: 'tiegou' }))
    expect(board.script).toContain(praiseDraft.text)
    expect(board.script).toContain(criticismDraft.text)
    expect(board.script).toContain(maskName(criticismDraft.subject.name))
    expect(board.script).not.toContain(criticismDraft.subject.name)
  })

  it('marks the public answer as not internal', async () => {
    expect((await ok(app.call(DEMO.villager, 'board.get', { villageId: 'tiegou' }))).internal).toBe(false)
  })

  it('shows the village cadre the full criticised name', async () => {
    const board = await ok(app.call(DEMO.cadre, 'board.get', { villageId: 'tiegou' }))
    expect(board.internal).toBe(true)
    expect(entryOf(board, criticismId)?.subjectLabel).toBe(`${criticismDraft.subject.name}（${criticismDraft.subject.householdNo}）`)
  })

  it('gives the cadre a loudspeaker script with the criticised name masked, since it is read out to everyone', async () => {
    const board = await ok(app.call(DEMO.cadre, 'board.get', { villageId: 'tiegou' }))
    expect(board.script).toContain(maskName(criticismDraft.subject.name))
    expect(board.script).not.toContain(criticismDraft.subject.name)
  })

  it('leaves a criticism under objection out of the cadre’s loudspeaker script', async () => {
    await ok(app.call(DEMO.villager, 'objection.create', { noticeId: criticismId, reason: '门前柴草已于昨日清理干净，请核实。' }))
    const board = await ok(app.call(DEMO.cadre, 'board.get', { villageId: 'tiegou' }))
    expect(board.script).not.toContain(criticismDraft.text)
  })

  it('shows a cadre of another village only the public view', async () => {
    const board = await ok(app.call(await insertOtherVillageCadre(app), 'board.get', { villageId: 'tiegou' }))
    expect(board.internal).toBe(false)
    expect(entryOf(board, criticismId)?.subjectLabel).toContain(maskName(criticismDraft.subject.name))
  })

  it('counts the day’s praise and criticism in the list of board days', async () => {
    const page = await ok(app.call(null, 'board.listDates', { villageId: 'tiegou', limit: 1 }))
    expect(page.items[0]).toEqual({ date: day, praiseCount: 1, criticismCount: 1 })
  })

  it('keeps the criticism in the public board for 7 days and takes it off on the 8th', async () => {
    setChinaTime(app, dayFromToday(app, 6), '10:00')
    const sixDaysOn = await ok(app.call(null, 'board.get', { villageId: 'tiegou', date: day }))
    setChinaTime(app, dayFromToday(app, 1), '10:00')
    const sevenDaysOn = await ok(app.call(null, 'board.get', { villageId: 'tiegou', date: day }))
    expect(sixDaysOn.entries.map((e: Entry) => e.noticeId)).toContain(criticismId)
    expect(sevenDaysOn.entries.map((e: Entry) => e.noticeId)).toEqual([praiseId])
  })

  it('lets cadres keep seeing a criticism after it left the public board', async () => {
    setChinaTime(app, dayFromToday(app, 30), '10:00')
    const board = await ok(app.call(DEMO.cadre, 'board.get', { villageId: 'tiegou', date: day }))
    expect(board.entries.map((e: Entry) => e.noticeId)).toContain(criticismId)
  })
})

describe('board.get', () => {
  describeAuthorization('board.get', async () => ({ villageId: 'tiegou' }), EVERYONE)

  beforeEach(async () => {
    app = await makeTestApp()
  })

  it('answers null for a day without a board', async () => {
    expect(await ok(app.call(null, 'board.get', { villageId: 'tiegou', date: dayFromToday(app, -100) }))).toBeNull()
  })

  it('answers NOT_FOUND for a village that does not exist', async () => {
    const response = await app.call(null, 'board.get', { villageId: 'nowhere' })
    expect(response.ok === false && response.error.code).toBe('NOT_FOUND')
  })

  it('shows another village’s board to a villager of 帖沟村', async () => {
    const board = await ok(app.call(DEMO.villager, 'board.get', { villageId: 'fangdong' }))
    expect(board).toMatchObject({ villageId: 'fangdong', villageName: '方东村', date: today(app) })
  })
})

describe('board.listDates', () => {
  describeAuthorization('board.listDates', async () => ({ villageId: 'tiegou' }), EVERYONE)

  beforeEach(async () => {
    app = await makeTestApp()
  })

  /** The seed publishes a week of boards, today included. */
  const seededWeek = () => Array.from({ length: 7 }, (_, back) => dayFromToday(app, -back))

  async function allPages(limit: number) {
    const pages: Array<{ items: Array<{ date: string }>; nextCursor: string | null }> = []
    let cursor: string | undefined
    do {
      const page = await ok(app.call(null, 'board.listDates', { villageId: 'tiegou', limit, ...(cursor ? { cursor } : {}) }))
      pages.push(page)
      cursor = page.nextCursor ?? undefined
    } while (cursor && pages.length < 20)
    return pages
  }

  it('walks every board day, newest first, across pages with the cursor', async () => {
    const pages = await allPages(3)
    expect(pages.flatMap((p) => p.items.map((i) => i.date))).toEqual(seededWeek())
  })

  it('cuts pages at the requested size', async () => {
    const pages = await allPages(3)
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1])
  })

  it('has no next cursor on the last page', async () => {
    const pages = await allPages(3)
    expect(pages.at(-1)?.nextCursor).toBeNull()
  })

  it('answers one page without a cursor when everything fits exactly', async () => {
    const page = await ok(app.call(null, 'board.listDates', { villageId: 'tiegou', limit: 7 }))
    expect(page).toMatchObject({ nextCursor: null })
    expect(page.items).toHaveLength(7)
  })

  it('counts each day as its board shows it to cadres', async () => {
    const page = await ok(app.call(null, 'board.listDates', { villageId: 'tiegou', limit: 7 }))
    for (const item of page.items) {
      const board = await ok(app.call(DEMO.cadre, 'board.get', { villageId: 'tiegou', date: item.date }))
      const count = (kind: string) => board.entries.filter((e: Entry) => e.kind === kind).length
      expect(item).toEqual({ date: item.date, praiseCount: count('praise'), criticismCount: count('criticism') })
    }
  })

  it('refuses a page larger than 50 with a Chinese message', async () => {
    const response = await app.call(null, 'board.listDates', { villageId: 'tiegou', limit: 51 })
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('每页最多 50 条') } })
  })
})
