import { DEMO, makeDraft, makeTestApp, type TestApp } from '../../support/app-harness'
import {
  dayFromToday,
  draftAndApprove,
  draftAsCadre,
  insertVillageStaff,
  makeCriticismDraft,
  makeNotice,
  ok,
  setChinaTime,
  today,
} from '../../support/factories'
import type { Notice } from '../../../types/notice'
import type { Doc } from '../../../core/store'
import { DomainError } from '../../../core/errors'
import { runDailyPublish } from '../../../backend/publish/daily'
import { publishDueNotices } from '../../../backend/publish/publish-due'
import { toDoc } from '../../../backend/repository'
import { FANGGANG_VILLAGES } from '../../../backend/seed/fanggang-data'
import { SimulatedCrash, withCrashingStore } from './crashing-store'

let app: TestApp
afterEach(() => app?.close())

/**
 * Tomorrow's notices in two villages, approved the day before: a praise and a criticism in 帖沟村
 * and a praise in 方东村. Answers their ids and the day.
 */
async function approvedForTomorrow(target: TestApp) {
  const day = dayFromToday(target, 1)
  const fangdong = await insertVillageStaff(target, 'fangdong')
  const ids = [
    (await draftAndApprove(target, makeDraft({ publishDate: day }))).id,
    (await draftAndApprove(target, makeCriticismDraft({ publishDate: day }))).id,
  ]
  const drafted = await ok<Notice>(target.call(fangdong.cadre, 'notice.draft', makeDraft({ villageId: 'fangdong', publishDate: day })))
  ids.push((await ok<Notice>(target.call(fangdong.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' }))).id)
  return { day, ids }
}

const boardsOf = (target: TestApp, day: string) => target.store.dump().boards.filter((b) => b.date === day)
const noticesOf = (target: TestApp, ids: string[]) =>
  target.store.dump().notices.filter((n) => ids.includes(n._id)) as unknown as Array<Notice & Doc>
const publishAudits = (target: TestApp, id: string) =>
  target.store.dump().audit.filter((a) => a.entityId === id && a.action === 'notice.publish')

/** Each board's counts against the notices actually published on it. */
function boardCountMismatches(target: TestApp, day: string): string[] {
  const dump = target.store.dump()
  return dump.boards
    .filter((b) => b.date === day)
    .flatMap((b) => {
      const on = dump.notices.filter((n) => n.villageId === b.villageId && n.boardDate === day)
      const praise = on.filter((n) => n.kind === 'praise').length
      const criticism = on.filter((n) => n.kind === 'criticism').length
      return b.praiseCount === praise && b.criticismCount === criticism ? [] : [`${b._id}: ${b.praiseCount}/${b.criticismCount} vs ${praise}/${criticism}`]
    })
}

describe('runDailyPublish', () => {
  describe('at 07:00 China time', () => {
    let day: string
    let ids: string[]
    beforeEach(async () => {
      app = await makeTestApp()
      ;({ day, ids } = await approvedForTomorrow(app))
      setChinaTime(app, day, '07:00')
    })

    it('publishes every approved notice of the day', async () => {
      const report = await runDailyPublish(app.deps)
      expect(report).toMatchObject({ date: day, noticesPublished: ids.length, boardsCreated: FANGGANG_VILLAGES.length, boardsUpdated: 0, criticismsReduced: 0 })
    })

    it('moves each notice to published on that day’s board', async () => {
      await runDailyPublish(app.deps)
      expect(noticesOf(app, ids).map((n) => [n.status, n.boardDate])).toEqual(ids.map(() => ['published', day]))
    })

    it('leaves notices of a later day approved', async () => {
      const later = await draftAndApprove(app, makeDraft({ publishDate: dayFromToday(app, 1) }))
      await runDailyPublish(app.deps)
      expect(noticesOf(app, [later.id])[0]).toMatchObject({ status: 'approved', boardDate: null })
    })

    it('gives a village without notices an empty board with a script that says so', async () => {
      await runDailyPublish(app.deps)
      const board = await ok(app.call(null, 'board.get', { villageId: 'liugang' }))
      expect(board.entries).toEqual([])
      expect(board.script).toContain('今天没有表扬和曝光内容')
    })

    it('refuses a future day and changes nothing', async () => {
      const before = app.store.dump()
      const attempt = runDailyPublish(app.deps, { date: dayFromToday(app, 1) })
      await expect(attempt).rejects.toThrow(DomainError)
      await expect(attempt).rejects.toMatchObject({ code: 'INVALID_INPUT' })
      expect(app.store.dump()).toEqual(before)
    })

    it('refuses a day that does not exist', async () => {
      await expect(runDailyPublish(app.deps, { date: '2026-02-30' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    })
  })

  describe('run twice', () => {
    let day: string
    let ids: string[]
    let second: Awaited<ReturnType<typeof runDailyPublish>>
    let afterFirst: ReturnType<TestApp['store']['dump']>
    beforeEach(async () => {
      app = await makeTestApp()
      ;({ day, ids } = await approvedForTomorrow(app))
      setChinaTime(app, day, '07:00')
      await runDailyPublish(app.deps)
      afterFirst = app.store.dump()
      setChinaTime(app, day, '07:05')
      second = await runDailyPublish(app.deps)
    })

    it('reports nothing published and nothing created the second time', () => {
      expect(second).toMatchObject({ date: day, noticesPublished: 0, boardsCreated: 0, boardsUpdated: 0, criticismsReduced: 0 })
    })

    it('changes nothing in the store the second time', () => {
      expect(app.store.dump()).toEqual(afterFirst)
    })

    it('leaves one board per village for the day (24 boards)', () => {
      const boards = boardsOf(app, day)
      expect(boards).toHaveLength(FANGGANG_VILLAGES.length)
      expect(new Set(boards.map((b) => b.villageId))).toEqual(new Set(FANGGANG_VILLAGES.map((v) => v.id)))
    })

    it('shows each approved notice on exactly one board', async () => {
      const seen: string[] = []
      for (const village of FANGGANG_VILLAGES) {
        const board = await ok(app.call(null, 'board.get', { villageId: village.id, date: day }))
        seen.push(...board.entries.map((e: { noticeId: string }) => e.noticeId))
      }
      expect(seen.sort()).toEqual([...ids].sort())
    })

    it('audits each publication once', () => {
      expect(ids.map((id) => publishAudits(app, id).length)).toEqual(ids.map(() => 1))
    })
  })

  describe('late', () => {
    beforeEach(async () => {
      app = await makeTestApp()
    })

    it('at 23:30 UTC (07:30 next day in China) publishes for the China day, not the UTC day', async () => {
      const { day } = await approvedForTomorrow(app)
      setChinaTime(app, day, '07:30')
      expect(app.clock.now.toISOString().slice(0, 10)).toBe(dayFromToday(app, -1))
      expect((await runDailyPublish(app.deps)).date).toBe(day)
    })

    it('at 23:30 UTC puts the notices on the China day’s board', async () => {
      const { day, ids } = await approvedForTomorrow(app)
      setChinaTime(app, day, '07:30')
      await runDailyPublish(app.deps)
      expect(noticesOf(app, ids).map((n) => n.boardDate)).toEqual(ids.map(() => day))
    })

    it('in the evening still publishes that day', async () => {
      const { day, ids } = await approvedForTomorrow(app)
      setChinaTime(app, day, '22:00')
      const report = await runDailyPublish(app.deps)
      expect(report).toMatchObject({ date: day, noticesPublished: ids.length })
    })

    it('publishes a late approval at once even behind more than a page of notices scheduled for later days', async () => {
      const later = Array.from({ length: 120 }, (_, i) =>
        toDoc(makeNotice({ id: `later${i}`, status: 'approved', publishDate: dayFromToday(app, 3), boardDate: null, createdAt: '2026-11-01T00:00:00.000Z' })),
      )
      for (const doc of later) await app.store.insert('notices', doc)
      const drafted = await draftAsCadre(app, makeDraft({ publishDate: today(app) }))
      const approved = await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' }))
      expect(approved).toMatchObject({ status: 'published', boardDate: today(app) })
      expect(noticesOf(app, ['later0'])[0]).toMatchObject({ status: 'approved', boardDate: null })
    })

    it('puts notices whose day was missed on today’s board', async () => {
      const { day, ids } = await approvedForTomorrow(app)
      setChinaTime(app, dayFromToday(app, 2), '07:00')
      await runDailyPublish(app.deps)
      expect(noticesOf(app, ids).map((n) => n.boardDate)).toEqual(ids.map(() => today(app)))
      expect(today(app)).not.toBe(day)
    })

    it('puts a notice approved before 07:00 on its day, whose run was missed, on the next day’s board', async () => {
      const day = dayFromToday(app, 1)
      const drafted = await draftAsCadre(app, makeDraft({ publishDate: day }))
      setChinaTime(app, day, '06:30')
      await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' }))
      setChinaTime(app, dayFromToday(app, 1), '07:00')
      await runDailyPublish(app.deps)
      expect(noticesOf(app, [drafted.id])[0]).toMatchObject({ status: 'published', boardDate: today(app) })
    })

    it('counts a late notice on today’s board', async () => {
      const { ids } = await approvedForTomorrow(app)
      setChinaTime(app, dayFromToday(app, 2), '07:00')
      await runDailyPublish(app.deps)
      const page = await ok(app.call(null, 'board.listDates', { villageId: 'tiegou', limit: 1 }))
      expect(page.items[0]).toEqual({ date: today(app), praiseCount: 1, criticismCount: 1 })
      expect(ids).toHaveLength(3)
    })
  })

  describe('after a crash', () => {
    /** The store after one clean run, to compare a crashed-then-repeated run with. */
    async function cleanRun() {
      const reference = await makeTestApp()
      const { day } = await approvedForTomorrow(reference)
      setChinaTime(reference, day, '07:00')
      await runDailyPublish(reference.deps)
      const dump = reference.store.dump()
      reference.close()
      return dump
    }

    // A clean run writes each notice's audit entry, each board, then the notices in one multi-document update.
    const CRASH_POINTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 20, 26, 27]

    it('covers every write of a clean publish with the crash points (the reminders follow it)', async () => {
      app = await makeTestApp()
      const { day, ids } = await approvedForTomorrow(app)
      setChinaTime(app, day, '07:00')
      const counting = withCrashingStore(app.deps, Number.POSITIVE_INFINITY)
      await publishDueNotices(counting.deps, { date: day })
      expect(counting.state.writes).toBe(ids.length + FANGGANG_VILLAGES.length + 1)
      expect(Math.max(...CRASH_POINTS)).toBe(counting.state.writes - 1)
    })

    it.each(CRASH_POINTS)('crashing after %i writes, then running again, ends as one clean run would', async (writesBeforeCrash) => {
      app = await makeTestApp()
      const { day } = await approvedForTomorrow(app)
      setChinaTime(app, day, '07:00')
      const crashing = withCrashingStore(app.deps, writesBeforeCrash)
      await expect(runDailyPublish(crashing.deps)).rejects.toThrow(SimulatedCrash)
      await runDailyPublish(app.deps)
      expect(app.store.dump()).toEqual(await cleanRun())
    })

    it.each(CRASH_POINTS)('crashing after %i writes, then running again, loses and doubles nothing', async (writesBeforeCrash) => {
      app = await makeTestApp()
      const { day, ids } = await approvedForTomorrow(app)
      setChinaTime(app, day, '07:00')
      await runDailyPublish(withCrashingStore(app.deps, writesBeforeCrash).deps).catch(() => undefined)
      await runDailyPublish(app.deps)
      expect(noticesOf(app, ids).map((n) => n.status)).toEqual(ids.map(() => 'published'))
      expect(ids.map((id) => publishAudits(app, id).length)).toEqual(ids.map(() => 1))
      expect(boardsOf(app, day)).toHaveLength(FANGGANG_VILLAGES.length)
      expect(boardCountMismatches(app, day)).toEqual([])
    })

    // Approving after 07:00 approves and publishes in one transaction: the review's and the publication's
    // audit entries, the notice, and the board.
    it.each([0, 1, 2, 3])('a crash after %i writes of a late approval leaves it pending, and the retry publishes it once', async (writesBeforeCrash) => {
      app = await makeTestApp()
      const drafted = await draftAsCadre(app, makeDraft({ publishDate: today(app) }))
      const before = app.store.dump()
      const crashing = withCrashingStore(app.deps, writesBeforeCrash)
      const { handleApiCall } = await import('../../../backend/router')
      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
      const response = await handleApiCall({ action: 'notice.review', data: { noticeId: drafted.id, decision: 'approve' } }, DEMO.secretary, crashing.deps)
      errors.mockRestore()
      expect(response).toMatchObject({ ok: false })
      expect(app.store.dump()).toEqual(before)
      const retried = await ok<Notice>(app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' }))
      expect(retried).toMatchObject({ status: 'published', boardDate: today(app) })
      expect(publishAudits(app, drafted.id)).toHaveLength(1)
      expect(boardCountMismatches(app, today(app))).toEqual([])
      const board = await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))
      expect(board.entries.map((e: { noticeId: string }) => e.noticeId)).toContain(drafted.id)
    })

    // Four writes for the approval and publish, and the drafter's inbox entry, all in one transaction.
    it('a late approval writes five times in one transaction, its drafter\'s inbox entry included', async () => {
      app = await makeTestApp()
      const drafted = await draftAsCadre(app, makeDraft({ publishDate: today(app) }))
      const counting = withCrashingStore(app.deps, Number.POSITIVE_INFINITY)
      const { handleApiCall } = await import('../../../backend/router')
      await handleApiCall({ action: 'notice.review', data: { noticeId: drafted.id, decision: 'approve' } }, DEMO.secretary, counting.deps)
      expect(counting.state.writes).toBe(4 + 1)
      expect(app.store.dump().inbox?.filter((d) => (d as { openid?: string }).openid === drafted.draftedBy)).toHaveLength(1)
    })
  })
})
