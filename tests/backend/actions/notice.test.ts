import { DEMO, makeDraft, makeTestApp, type TestApp } from '../../support/app-harness'
import {
  dayFromToday,
  draftAndApprove,
  draftAsCadre,
  insertPerson,
  makeCriticismDraft,
  ok,
  publishedCriticismToday,
  setChinaTime,
  today,
} from '../../support/factories'
import { MAX_DAYS_AHEAD } from '../../../core/notice-rules'
import { CIVIC_RULES } from '../../../backend/content/civic-rules'
import { runDailyPublish } from '../../../backend/publish/daily'
import { describeAuthorization, VILLAGE_CADRES, VILLAGE_SECRETARY } from './authorization'

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
})
afterEach(() => app.close())

/** A second secretary of 帖沟村 (the seed has one). */
const insertSecondSecretary = (target: TestApp) =>
  insertPerson(target, { _id: 'secretary-tiegou-2', name: '李副书记', grants: [{ role: 'secretary', villageId: 'tiegou' }] })

describe('notice.draft', () => {
  describeAuthorization('notice.draft', async (a) => makeDraft({ publishDate: dayFromToday(a, 1) }), VILLAGE_CADRES)

  it('stores a pending notice drafted by the caller', async () => {
    const notice = await draftAsCadre(app)
    expect(notice).toMatchObject({ status: 'pending', draftedBy: DEMO.cadre, draftedByName: '张建国', version: 1, boardDate: null })
  })

  it('answers a retried submission (same request id) with the first notice instead of a second one', async () => {
    const draft = makeDraft({ publishDate: dayFromToday(app, 1), requestId: 'form-1a2b3c4d' })
    const first = await ok(app.call(DEMO.cadre, 'notice.draft', draft))
    const afterFirst = app.store.dump()
    const second = await ok(app.call(DEMO.cadre, 'notice.draft', draft))
    expect(second).toEqual(first)
    expect(app.store.dump()).toEqual(afterFirst)
  })

  it('keeps two people using the same request id apart', async () => {
    const draft = makeDraft({ publishDate: dayFromToday(app, 1), requestId: 'form-1a2b3c4d' })
    const byCadre = await ok(app.call(DEMO.cadre, 'notice.draft', draft))
    const bySecretary = await ok(app.call(DEMO.secretary, 'notice.draft', draft))
    expect(bySecretary.id).not.toBe(byCadre.id)
    expect(bySecretary.draftedBy).toBe(DEMO.secretary)
  })

  it('refuses a text calling someone 懒汉 with CONTENT_REJECTED and stores nothing', async () => {
    const before = app.store.dump()
    const response = await app.call(DEMO.cadre, 'notice.draft', makeCriticismDraft({ publishDate: dayFromToday(app, 1), text: '此人是村里有名的懒汉，门前柴草从不清理。' }))
    expect(response).toEqual({ ok: false, error: { code: 'CONTENT_REJECTED', message: expect.stringContaining('不要评价人品') } })
    expect(app.store.dump()).toEqual(before)
  })

  it('refuses a blocked word split by blanks', async () => {
    const response = await app.call(DEMO.cadre, 'notice.draft', makeCriticismDraft({ publishDate: dayFromToday(app, 1), text: `此人就是${CIVIC_RULES[0].terms[0].split('').join(' ')}，请整改。` }))
    expect(response.ok === false && response.error.code).toBe('CONTENT_REJECTED')
  })

  it('checks the subject name as well as the text', async () => {
    const response = await app.call(DEMO.cadre, 'notice.draft', makeCriticismDraft({ publishDate: dayFromToday(app, 1), subject: { name: '刁民赵某' } }))
    expect(response.ok === false && response.error.code).toBe('CONTENT_REJECTED')
  })

  it('refuses a publish date in the past and stores nothing', async () => {
    const before = app.store.dump()
    const response = await app.call(DEMO.cadre, 'notice.draft', makeDraft({ publishDate: dayFromToday(app, -1) }))
    expect(response).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '公告日期不能早于今天', issues: [{ path: 'publishDate', message: '公告日期不能早于今天' }] },
    })
    expect(app.store.dump()).toEqual(before)
  })

  it(`refuses a publish date more than ${MAX_DAYS_AHEAD} days ahead`, async () => {
    const response = await app.call(DEMO.cadre, 'notice.draft', makeDraft({ publishDate: dayFromToday(app, MAX_DAYS_AHEAD + 1) }))
    expect(response.ok === false && response.error.code).toBe('INVALID_INPUT')
  })

  it('takes "today" from China time: at 00:30 China (16:30 UTC the day before) yesterday is refused', async () => {
    const chinaToday = dayFromToday(app, 1)
    setChinaTime(app, chinaToday, '00:30')
    const response = await app.call(DEMO.cadre, 'notice.draft', makeDraft({ publishDate: dayFromToday(app, -1) }))
    expect(response.ok === false && response.error.code).toBe('INVALID_INPUT')
  })

  it('refuses a draft for a village that does not exist', async () => {
    const response = await app.call(DEMO.cadre, 'notice.draft', makeDraft({ villageId: 'nowhere', publishDate: dayFromToday(app, 1) }))
    expect(response.ok === false && response.error.code).toBe('FORBIDDEN')
  })
})

describe('notice.listDrafts', () => {
  describeAuthorization('notice.listDrafts', async () => ({ villageId: 'tiegou' }), { ...VILLAGE_CADRES, leader: 'allowed' })

  it('lists the village drafts newest first, filtered by status', async () => {
    const drafted = await draftAsCadre(app)
    const page = await ok(app.call(DEMO.secretary, 'notice.listDrafts', { villageId: 'tiegou', status: 'pending' }))
    expect(page.items[0].id).toBe(drafted.id)
    expect(page.items.every((n: { status: string }) => n.status === 'pending')).toBe(true)
  })
})

describe('notice.review', () => {
  describeAuthorization(
    'notice.review',
    async (a) => ({ noticeId: (await draftAsCadre(a, makeDraft({ publishDate: dayFromToday(a, 1) }))).id, decision: 'approve' }),
    // The village's secretary, or a leader of its township (the four-eyes way out).
    { ...VILLAGE_SECRETARY, leader: 'allowed' },
  )

  it('approves a criticism drafted by a cadre', async () => {
    const notice = await draftAndApprove(app, makeCriticismDraft({ publishDate: dayFromToday(app, 1) }))
    expect(notice).toMatchObject({ status: 'approved', reviewedBy: DEMO.secretary, version: 2 })
  })

  it('records a rejection with its comment', async () => {
    const drafted = await draftAsCadre(app)
    const rejected = await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'reject', comment: '请补充照片' }))
    expect(rejected).toMatchObject({ status: 'rejected', reviewComment: '请补充照片' })
  })

  it('refuses the secretary approving a criticism they drafted themselves, and changes nothing', async () => {
    const drafted = await ok(app.call(DEMO.secretary, 'notice.draft', makeCriticismDraft({ publishDate: dayFromToday(app, 1) })))
    const before = app.store.dump()
    const response = await app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' })
    expect(response).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '曝光内容须由起草人以外的人审核通过' } })
    expect(app.store.dump()).toEqual(before)
  })

  it('lets another secretary approve the criticism the first one drafted', async () => {
    const second = await insertSecondSecretary(app)
    const drafted = await ok(app.call(DEMO.secretary, 'notice.draft', makeCriticismDraft({ publishDate: dayFromToday(app, 1) })))
    const response = await app.call(second, 'notice.review', { noticeId: drafted.id, decision: 'approve' })
    expect(response.ok && response.data.status).toBe('approved')
  })

  it('lets the secretary approve a praise they drafted themselves', async () => {
    const drafted = await ok(app.call(DEMO.secretary, 'notice.draft', makeDraft({ publishDate: dayFromToday(app, 1) })))
    const response = await app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' })
    expect(response.ok && response.data.status).toBe('approved')
  })

  it('refuses a review against a stale version with CONFLICT, and changes nothing', async () => {
    const second = await insertSecondSecretary(app)
    const drafted = await draftAsCadre(app)
    await ok(app.call(second, 'notice.review', { noticeId: drafted.id, decision: 'reject', expectedVersion: drafted.version }))
    const before = app.store.dump()
    const response = await app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve', expectedVersion: drafted.version })
    expect(response).toEqual({ ok: false, error: { code: 'CONFLICT', message: '该公告已被他人修改，请刷新后重试' } })
    expect(app.store.dump()).toEqual(before)
  })

  it('refuses reviewing a notice twice with CONFLICT', async () => {
    const approved = await draftAndApprove(app)
    const response = await app.call(DEMO.secretary, 'notice.review', { noticeId: approved.id, decision: 'reject' })
    expect(response.ok === false && response.error.code).toBe('CONFLICT')
  })

  it('answers NOT_FOUND for a notice that does not exist', async () => {
    const response = await app.call(DEMO.secretary, 'notice.review', { noticeId: 'missing', decision: 'approve' })
    expect(response.ok === false && response.error.code).toBe('NOT_FOUND')
  })

  it('leaves a notice for a later day approved, waiting for its morning', async () => {
    const notice = await draftAndApprove(app)
    expect(notice).toMatchObject({ status: 'approved', boardDate: null })
  })

  it('publishes at once a notice whose day has passed 07:00', async () => {
    const notice = await draftAndApprove(app, makeDraft({ publishDate: today(app) }))
    expect(notice).toMatchObject({ status: 'published', boardDate: today(app) })
  })

  it('puts a notice approved after 07:00 on the public board of the day', async () => {
    const notice = await draftAndApprove(app, makeDraft({ publishDate: today(app) }))
    const board = await ok(app.call(DEMO.villager, 'board.get', { villageId: 'tiegou' }))
    expect(board.entries.map((e: { noticeId: string }) => e.noticeId)).toContain(notice.id)
  })

  it('counts a notice approved after 07:00 in the day board summary', async () => {
    const { items: [before] } = await ok(app.call(DEMO.villager, 'board.listDates', { villageId: 'tiegou', limit: 1 }))
    await draftAndApprove(app, makeDraft({ publishDate: today(app) }))
    const { items: [after] } = await ok(app.call(DEMO.villager, 'board.listDates', { villageId: 'tiegou', limit: 1 }))
    expect(after).toEqual({ ...before, praiseCount: before.praiseCount + 1 })
  })

  it('waits for the morning run when approved at 06:59 on the day', async () => {
    const day = dayFromToday(app, 1)
    const drafted = await draftAsCadre(app, makeDraft({ publishDate: day }))
    setChinaTime(app, day, '06:59')
    const approved = await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' }))
    expect(approved.status).toBe('approved')
  })

  it('publishes a notice approved after its day on the day it was approved', async () => {
    const day = dayFromToday(app, 1)
    const drafted = await draftAsCadre(app, makeDraft({ publishDate: day }))
    setChinaTime(app, dayFromToday(app, 2), '10:00')
    const approved = await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' }))
    expect(approved).toMatchObject({ status: 'published', boardDate: today(app) })
  })
})

describe('notice.markRectified', () => {
  describeAuthorization('notice.markRectified', async (a) => ({ noticeId: (await publishedCriticismToday(a)).id }), VILLAGE_CADRES)

  it('shows "rectified" on the public board', async () => {
    const criticism = await publishedCriticismToday(app)
    await ok(app.call(DEMO.cadre, 'notice.markRectified', { noticeId: criticism.id }))
    const board = await ok(app.call(DEMO.villager, 'board.get', { villageId: 'tiegou' }))
    expect(board.entries.find((e: { noticeId: string }) => e.noticeId === criticism.id)).toMatchObject({ rectified: true })
  })

  it('says so in the loudspeaker script', async () => {
    const criticism = await publishedCriticismToday(app)
    await ok(app.call(DEMO.cadre, 'notice.markRectified', { noticeId: criticism.id }))
    const board = await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))
    expect(board.script).toContain(`${criticism.text}（现已整改完成）`)
  })

  it('refuses marking a criticism twice with CONFLICT', async () => {
    const criticism = await publishedCriticismToday(app)
    await ok(app.call(DEMO.cadre, 'notice.markRectified', { noticeId: criticism.id }))
    const response = await app.call(DEMO.secretary, 'notice.markRectified', { noticeId: criticism.id })
    expect(response.ok === false && response.error.code).toBe('CONFLICT')
  })

  it('refuses marking a praise', async () => {
    const praise = await draftAndApprove(app, makeDraft({ publishDate: today(app) }))
    const response = await app.call(DEMO.cadre, 'notice.markRectified', { noticeId: praise.id })
    expect(response.ok === false && response.error.code).toBe('INVALID_INPUT')
  })

  it('refuses marking a criticism not yet published', async () => {
    const approved = await draftAndApprove(app, makeCriticismDraft({ publishDate: dayFromToday(app, 1) }))
    const response = await app.call(DEMO.cadre, 'notice.markRectified', { noticeId: approved.id })
    expect(response.ok === false && response.error.code).toBe('CONFLICT')
  })
})

describe('drafts are never public', () => {
  it('board.get for tomorrow answers null before the morning run, though notices are approved for it', async () => {
    const tomorrow = dayFromToday(app, 1)
    await draftAndApprove(app, makeDraft({ publishDate: tomorrow }))
    expect(await ok(app.call(DEMO.villager, 'board.get', { villageId: 'tiegou', date: tomorrow }))).toBeNull()
  })

  it('board.get at 06:59 on the day still answers null', async () => {
    const tomorrow = dayFromToday(app, 1)
    await draftAndApprove(app, makeDraft({ publishDate: tomorrow }))
    setChinaTime(app, tomorrow, '06:59')
    expect(await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))).toBeNull()
  })

  it('a pending draft for today is not on today’s board, not even in the cadres’ view', async () => {
    const drafted = await draftAsCadre(app, makeDraft({ publishDate: today(app) }))
    const board = await ok(app.call(DEMO.cadre, 'board.get', { villageId: 'tiegou' }))
    expect(board.entries.map((e: { noticeId: string }) => e.noticeId)).not.toContain(drafted.id)
  })

  it('a rejected notice never reaches the board', async () => {
    const drafted = await draftAsCadre(app, makeDraft({ publishDate: dayFromToday(app, 1) }))
    await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'reject' }))
    setChinaTime(app, dayFromToday(app, 1), '07:00')
    await runDailyPublish(app.deps)
    const board = await ok(app.call(DEMO.cadre, 'board.get', { villageId: 'tiegou' }))
    expect(board.entries.map((e: { noticeId: string }) => e.noticeId)).not.toContain(drafted.id)
  })

  it('refuses the draft list to a villager', async () => {
    const response = await app.call(DEMO.villager, 'notice.listDrafts', { villageId: 'tiegou' })
    expect(response.ok === false && response.error.code).toBe('FORBIDDEN')
  })

  it('refuses the draft list to an anonymous visitor', async () => {
    const response = await app.call(null, 'notice.listDrafts', { villageId: 'tiegou' })
    expect(response.ok === false && response.error.code).toBe('UNAUTHENTICATED')
  })
})
