import { DEMO, makeDraft, makeTestApp, type TestApp } from '../../support/app-harness'
import { dayFromToday, draftAndApprove, ok, setChinaTime, today } from '../../support/factories'
import { runDailyPublish } from '../../../backend/publish/daily'
import { registerReminderSource, runDueReminders, unregisterReminderSource, type ReminderSource } from '../../../backend/notify/reminders'
import { LOCAL_TEMPLATES } from '../../../backend/notify/config'
import { SendFailure } from '../../../backend/notify/messenger'
import { subscriptionId, type SubscriptionDoc } from '../../../backend/notify/subscriptions'
import type { InboxDoc } from '../../../backend/notify'
import { addDays, chinaDay } from '../../../core/time'

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
  jest.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  app.close()
  jest.restoreAllMocks()
})

const entries = (kind?: string) => (app.store.dump().inbox as unknown as InboxDoc[]).filter((d) => !kind || d.kind === kind)
const boardSubscription = async () => (await app.store.get<SubscriptionDoc>('subscriptions', subscriptionId(DEMO.villager, 'board')))!
const askForBoard = (times = 1, villageId = 'tiegou') =>
  ok(app.call(DEMO.villager, 'subscription.record', { results: Array.from({ length: times }, () => ({ templateId: 'local-board', status: 'accept' as const })), villageId }))

describe('明早公告提醒 (the morning board reminder)', () => {
  it("tells the villager once when their village's next board is out, however often the timer runs", async () => {
    await askForBoard(2)
    const tomorrow = dayFromToday(app, 1)
    await draftAndApprove(app, makeDraft({ publishDate: tomorrow }))
    setChinaTime(app, tomorrow, '07:00')
    const first = await runDailyPublish(app.deps)
    expect(first.morningReminder).toMatchObject({ date: tomorrow, reminded: 1, failed: 0, done: true })
    const second = await runDailyPublish(app.deps)
    expect(second.morningReminder).toMatchObject({ considered: 0, reminded: 0, done: true })
    const board = entries('board.published')
    expect(board.map((e) => [e.openid, e.title, e.page])).toEqual([
      [DEMO.villager, '帖沟村今日公告已发布', `/pages/day/index?villageId=tiegou&date=${tomorrow}`],
    ])
    expect(board[0].delivery).toMatchObject({ template: 'board', status: 'recorded' })
    expect(await boardSubscription()).toMatchObject({ remaining: 1, eligible: true, sentDay: tomorrow })
  })

  it('keeps the accept for a day whose board has notices, and uses the last one up', async () => {
    await askForBoard(1)
    const d1 = dayFromToday(app, 1)
    setChinaTime(app, d1, '07:00')
    expect((await runDailyPublish(app.deps)).morningReminder).toMatchObject({ reminded: 0, noBoard: 1 })
    expect(await boardSubscription()).toMatchObject({ remaining: 1 })
    const d2 = addDays(d1, 1)
    await draftAndApprove(app, makeDraft({ publishDate: d2 }))
    setChinaTime(app, d2, '07:00')
    expect((await runDailyPublish(app.deps)).morningReminder).toMatchObject({ reminded: 1 })
    expect(await boardSubscription()).toMatchObject({ remaining: 0, eligible: false })
    const d3 = addDays(d2, 1)
    await draftAndApprove(app, makeDraft({ publishDate: d3 }))
    setChinaTime(app, d3, '07:00')
    expect((await runDailyPublish(app.deps)).morningReminder).toMatchObject({ considered: 0, reminded: 0 })
    expect(entries('board.published')).toHaveLength(1)
  })

  it('stops when its time budget is spent and the next run carries on', async () => {
    const { runMorningReminder } = await import('../../../backend/notify/morning-reminder')
    await askForBoard(1)
    const tomorrow = dayFromToday(app, 1)
    await draftAndApprove(app, makeDraft({ publishDate: tomorrow }))
    setChinaTime(app, tomorrow, '07:00')
    const { publishDueNotices } = await import('../../../backend/publish/publish-due')
    await publishDueNotices(app.deps, { date: tomorrow })
    expect(await runMorningReminder(app.deps, { date: tomorrow, budgetMs: -1 })).toMatchObject({ considered: 0, done: false })
    expect(await runMorningReminder(app.deps, { date: tomorrow })).toMatchObject({ reminded: 1, done: true })
  })

  it('reminds nobody when a past day is back-filled', async () => {
    await askForBoard(1)
    const report = await runDailyPublish(app.deps, { date: dayFromToday(app, -1) })
    expect(report.morningReminder).toBeUndefined()
    expect(entries('board.published')).toEqual([])
  })

  it('a refused send fails neither the publish nor the inbox entry, and gives the accept back', async () => {
    app.deps.templates = LOCAL_TEMPLATES
    app.deps.messenger = { send: async () => Promise.reject(new SendFailure(47003, 'bad data')) }
    await askForBoard(1)
    const tomorrow = dayFromToday(app, 1)
    await draftAndApprove(app, makeDraft({ publishDate: tomorrow }))
    setChinaTime(app, tomorrow, '07:00')
    const report = await runDailyPublish(app.deps)
    expect(report.noticesPublished).toBe(1)
    expect(report.morningReminder).toMatchObject({ reminded: 0, failed: 1 })
    expect(entries('board.published')[0].delivery).toMatchObject({ status: 'failed', detail: '47003' })
    expect(await boardSubscription()).toMatchObject({ remaining: 1, sentDay: tomorrow })
  })
})

describe('due and overdue reminders', () => {
  // These drive the registry with test-only sources: the built-in checklist source (daily.ts loads it) steps aside.
  let builtIn: ReminderSource | undefined
  beforeAll(() => {
    builtIn = unregisterReminderSource('checklist')
  })
  afterAll(() => {
    if (builtIn) registerReminderSource(builtIn)
  })
  /** A test-only source: one checklist item due in November, overdue from December (China time). */
  const checklistSource = (scans: string[]): ReminderSource => ({
    name: 'test.checklist',
    async scan(_deps, { today: day, cursor }) {
      scans.push(day)
      if (cursor) return { items: [], nextCursor: null }
      const overdue = day >= '2026-12-01'
      return {
        items: [
          {
            key: `item-1:${overdue ? 'overdue' : 'due:2026-11'}`,
            notification: {
              kind: overdue ? 'checklist.overdue' : 'checklist.due',
              to: [DEMO.cadre],
              title: overdue ? '提升清单事项已逾期' : '提升清单事项本月到期',
              body: '清理村道两侧杂物',
              page: '/pages/me/index',
              template: 'due',
            },
          },
        ],
        nextCursor: 'page-2',
      }
    },
  })

  it('runs twice, reminds once', async () => {
    const scans: string[] = []
    const unregister = registerReminderSource(checklistSource(scans))
    try {
      const [first] = await runDueReminders(app.deps)
      const [second] = await runDueReminders(app.deps)
      expect(first).toMatchObject({ source: 'test.checklist', items: 1, written: 1, error: null })
      expect(second).toMatchObject({ items: 1, written: 0 })
      expect(entries().map((e) => [e.openid, e.kind])).toEqual([[DEMO.cadre, 'checklist.due']])
      expect(scans).toEqual([today(app), today(app), today(app), today(app)])
    } finally {
      unregister()
    }
  })

  it('across the China day boundary: the due reminder once, then the overdue one once', async () => {
    const scans: string[] = []
    const source = checklistSource(scans)
    setChinaTime(app, '2026-11-30', '23:59')
    await runDueReminders(app.deps, { sources: [source] })
    setChinaTime(app, '2026-12-01', '00:01')
    // 16:01 UTC on 30 November: the host's UTC day has not turned, China's has.
    expect(app.clock.now.toISOString()).toBe('2026-11-30T16:01:00.000Z')
    await runDueReminders(app.deps, { sources: [source] })
    await runDueReminders(app.deps, { sources: [source] })
    setChinaTime(app, '2026-12-01', '07:00')
    await runDueReminders(app.deps, { sources: [source] })
    expect(entries().map((e) => e.kind)).toEqual(expect.arrayContaining(['checklist.due', 'checklist.overdue']))
    expect(entries()).toHaveLength(2)
    expect(scans.filter((_, i) => i % 2 === 0)).toEqual(['2026-11-30', '2026-12-01', '2026-12-01', '2026-12-01'])
    expect(chinaDay(app.clock.now)).toBe('2026-12-01')
  })

  it('the 07:00 run calls registered sources after the publish; a failing source stops neither the others nor the publish', async () => {
    const broken: ReminderSource = { name: 'test.broken', scan: async () => Promise.reject(new Error('query failed')) }
    const unregisterBroken = registerReminderSource(broken)
    const unregisterGood = registerReminderSource(checklistSource([]))
    try {
      const tomorrow = dayFromToday(app, 1)
      setChinaTime(app, tomorrow, '07:00')
      const report = await runDailyPublish(app.deps)
      expect(report.dueReminders).toEqual([
        expect.objectContaining({ source: 'test.broken', error: expect.stringContaining('query failed') }),
        expect.objectContaining({ source: 'test.checklist', written: 1, error: null }),
      ])
    } finally {
      unregisterBroken()
      unregisterGood()
    }
  })

  it('refuses a source registered twice', () => {
    const unregister = registerReminderSource(checklistSource([]))
    try {
      expect(() => registerReminderSource(checklistSource([]))).toThrow(/twice/)
    } finally {
      unregister()
    }
  })
})
