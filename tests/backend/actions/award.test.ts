import { DEMO, makeDraft, makeTestApp, type TestApp } from '../../support/app-harness'
import { dayFromToday, draftAndApprove, draftAsCadre, makeCriticismDraft, ok, setChinaTime, today } from '../../support/factories'
import { runDailyPublish } from '../../../backend/publish/daily'
import { isoWeekOf } from '../../../core/time'
import type { Notice } from '../../../types/notice'
import type { Award } from '../../../types/award'
import { describeAuthorization, EVERYONE, VILLAGE_CADRES, type Verdict, type Who } from './authorization'

let app: TestApp
afterEach(() => app?.close())

const PRAISE = makeDraft({ subject: { name: '钱德胜', householdNo: '6组9号' }, category: '孝老爱亲', text: '二十年如一日照顾年迈的岳父母，从不叫苦。' })

/** A praise on today's board (approved after 07:00, so published at once). */
const praiseToday = (target: TestApp, overrides = {}) => draftAndApprove(target, { ...PRAISE, publishDate: today(target), ...overrides })
const thisWeek = (target: TestApp) => isoWeekOf(today(target)).key

async function nominated(target: TestApp, by: string = DEMO.cadre, overrides = {}): Promise<Award> {
  const notice = await praiseToday(target)
  return ok<Award>(target.call(by, 'award.nominate', { villageId: 'tiegou', kind: 'weeklyStar', week: thisWeek(target), noticeId: notice.id, prize: '洗衣粉一袋', ...overrides }))
}

describe('award.nominate', () => {
  describeAuthorization('award.nominate', async (a) => ({ villageId: 'tiegou', kind: 'weeklyStar', week: thisWeek(a), noticeId: (await praiseToday(a)).id }), VILLAGE_CADRES)

  beforeEach(async () => {
    app = await makeTestApp()
  })

  it('nominates the person of one of the week’s approved praise notices as 每周之星, with the prize', async () => {
    const award = await nominated(app)
    expect(award).toMatchObject({
      kind: 'weeklyStar', week: '2026-W48', year: 2026, label: '钱德胜（6组9号）', reason: PRAISE.text, prize: '洗衣粉一袋',
      status: 'nominated', nominatedBy: DEMO.cadre, boardDate: null,
    })
  })

  it('nominates the 组 of the praised household as 优秀小组', async () => {
    const award = await nominated(app, DEMO.cadre, { kind: 'excellentGroup', prize: undefined })
    expect(award).toMatchObject({ kind: 'excellentGroup', group: '6组', label: '6组', subject: null, prize: null })
  })

  it('accepts an approved praise not yet published (its day in the week)', async () => {
    const notice = await draftAndApprove(app, { ...PRAISE, publishDate: dayFromToday(app, 1) })
    expect(notice.status).toBe('approved')
    await ok(app.call(DEMO.cadre, 'award.nominate', { villageId: 'tiegou', kind: 'weeklyStar', week: thisWeek(app), noticeId: notice.id }))
  })

  const refusals: Array<[string, (a: TestApp) => Promise<Record<string, unknown>>, string, string]> = [
    ['a criticism', async (a) => ({ noticeId: (await draftAndApprove(a, makeCriticismDraft({ publishDate: today(a) }))).id }), 'noticeId', '只能从表扬公告中评选'],
    ['a praise still pending', async (a) => ({ noticeId: (await draftAsCadre(a, { ...PRAISE, publishDate: today(a) })).id }), 'noticeId', '已审核通过'],
    ['a praise of another week', async (a) => ({ noticeId: (await praiseToday(a)).id, week: '2026-W46' }), 'noticeId', '不在所选的周内'],
    ['a future week', async (a) => ({ noticeId: (await praiseToday(a)).id, week: '2026-W50' }), 'week', '以后的周'],
    ['a week long past', async (a) => ({ noticeId: (await praiseToday(a)).id, week: '2026-W30' }), 'week', '最近'],
    ['a notice that does not exist', async () => ({ noticeId: 'no-such-notice' }), 'noticeId', '公告不存在'],
    ['no notice', async () => ({}), 'noticeId', '表扬公告'],
    ['no week', async (a) => ({ noticeId: (await praiseToday(a)).id, week: undefined }), 'week', '周'],
    ['a malformed week', async (a) => ({ noticeId: (await praiseToday(a)).id, week: '2026-48' }), 'week', '周次格式'],
  ]
  it.each(refusals)('refuses %s with INVALID_INPUT naming the field, writing nothing', async (_label, extra, field, message) => {
    const payload = { villageId: 'tiegou', kind: 'weeklyStar', week: thisWeek(app), ...(await extra(app)) }
    const before = app.store.dump()
    const response = await app.call(DEMO.cadre, 'award.nominate', payload as never)
    expect(response).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(message) }) })
    expect(JSON.stringify(response)).toContain(field)
    expect(app.store.dump()).toEqual(before)
  })

  it('refuses a praise notice of another village, even from a cadre of that village’s neighbour', async () => {
    const liugang = await praiseToday(app)
    // The notice is 帖沟村's; a nomination for 刘岗村 cannot draw on it.
    await app.store.insert('people', { _id: 'cadre-liugang', name: '刘干部', townshipId: 'fanggang', villageId: 'liugang', grants: [{ role: 'cadre', villageId: 'liugang' }], createdAt: '2026-01-01T00:00:00.000Z' })
    const response = await app.call('cadre-liugang', 'award.nominate', { villageId: 'liugang', kind: 'weeklyStar', week: thisWeek(app), noticeId: liugang.id })
    expect(response).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('不属于本村') }) })
  })

  it('refuses a prize the civic rules reject, writing nothing', async () => {
    const notice = await praiseToday(app)
    const before = app.store.dump()
    const response = await app.call(DEMO.cadre, 'award.nominate', { villageId: 'tiegou', kind: 'weeklyStar', week: thisWeek(app), noticeId: notice.id, reason: '不像那些懒汉，天天帮邻居干活。' })
    expect(response).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONTENT_REJECTED' }) })
    expect(app.store.dump()).toEqual(before)
  })

  it('answers a retry of the same request with the first nomination, writing nothing', async () => {
    const notice = await praiseToday(app)
    const payload = { villageId: 'tiegou', kind: 'weeklyStar', week: thisWeek(app), noticeId: notice.id, requestId: 'award-request-0001' } as const
    const first = await ok(app.call(DEMO.cadre, 'award.nominate', payload))
    const before = app.store.dump()
    expect(await ok(app.call(DEMO.cadre, 'award.nominate', payload))).toEqual(first)
    expect(app.store.dump()).toEqual(before)
  })
})

describe('award.confirm', () => {
  const CONFIRMERS: Record<Who, Verdict> = { ...VILLAGE_CADRES, cadre: 'FORBIDDEN', leader: 'allowed' }
  describeAuthorization('award.confirm', async (a) => ({ awardId: (await nominated(a)).id }), CONFIRMERS)

  beforeEach(async () => {
    app = await makeTestApp()
  })

  it('confirms for the next day’s board', async () => {
    const award = await nominated(app)
    const confirmed = await ok<Award>(app.call(DEMO.secretary, 'award.confirm', { awardId: award.id }))
    expect(confirmed).toMatchObject({ status: 'confirmed', decidedBy: DEMO.secretary, decidedByName: expect.any(String), boardDate: dayFromToday(app, 1), version: 2 })
  })

  it('refuses the nominator (four eyes): the secretary’s own nomination needs a leader, nothing written', async () => {
    const award = await nominated(app, DEMO.secretary)
    const before = app.store.dump()
    const response = await app.call(DEMO.secretary, 'award.confirm', { awardId: award.id })
    expect(response).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '评选须由提名人以外的人确认' } })
    expect(app.store.dump()).toEqual(before)
    await ok(app.call(DEMO.leader, 'award.confirm', { awardId: award.id }))
  })

  it('refuses a second decision with CONFLICT', async () => {
    const award = await nominated(app)
    await ok(app.call(DEMO.secretary, 'award.confirm', { awardId: award.id, decision: 'reject' }))
    const response = await app.call(DEMO.leader, 'award.confirm', { awardId: award.id })
    expect(response).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT' }) })
  })

  it('puts a confirmed award on the next board as its own block, with the prize, and into the 广播稿', async () => {
    const award = await nominated(app)
    await ok(app.call(DEMO.secretary, 'award.confirm', { awardId: award.id }))
    const nextDay = dayFromToday(app, 1)
    setChinaTime(app, nextDay, '07:00')
    await runDailyPublish(app.deps)
    const board = await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))
    expect(board.date).toBe(nextDay)
    expect(board.awards).toEqual([{ awardId: award.id, kind: 'weeklyStar', label: '钱德胜（6组9号）', reason: PRAISE.text, prize: '洗衣粉一袋', week: '2026-W48', year: 2026 }])
    expect(board.script).toContain('每周之星：钱德胜（6组9号），二十年如一日照顾年迈的岳父母，从不叫苦，奖励洗衣粉一袋。')
    // The cadres' view carries the same block.
    expect((await ok(app.call(DEMO.cadre, 'board.get', { villageId: 'tiegou' }))).awards).toEqual(board.awards)
    // Not on other villages' boards, nor on the day after.
    expect((await ok(app.call(null, 'board.get', { villageId: 'liugang' }))).awards).toEqual([])
    setChinaTime(app, dayFromToday(app, 1), '07:00')
    await runDailyPublish(app.deps)
    expect((await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))).awards).toEqual([])
  })

  it('a second run of the day writes nothing more', async () => {
    const award = await nominated(app)
    await ok(app.call(DEMO.secretary, 'award.confirm', { awardId: award.id }))
    setChinaTime(app, dayFromToday(app, 1), '07:00')
    await runDailyPublish(app.deps)
    const before = app.store.dump()
    await runDailyPublish(app.deps)
    expect(app.store.dump().boards).toEqual(before.boards)
  })

  it('tells the secretary of a nomination and the nominator of the decision (inbox)', async () => {
    const award = await nominated(app)
    const secretaryInbox = await ok(app.call(DEMO.secretary, 'inbox.list', { limit: 20 }))
    expect(secretaryInbox.items.map((i: { kind: string }) => i.kind)).toContain('award.nominated')
    await ok(app.call(DEMO.secretary, 'award.confirm', { awardId: award.id }))
    const cadreInbox = await ok(app.call(DEMO.cadre, 'inbox.list', { limit: 20 }))
    expect(cadreInbox.items.find((i: { kind: string }) => i.kind === 'award.confirmed')).toMatchObject({ title: '每周之星已确认' })
  })

  it('a rejected nomination never reaches a board', async () => {
    const award = await nominated(app)
    await ok(app.call(DEMO.secretary, 'award.confirm', { awardId: award.id, decision: 'reject' }))
    setChinaTime(app, dayFromToday(app, 1), '07:00')
    await runDailyPublish(app.deps)
    expect((await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))).awards).toEqual([])
  })
})

describe('award.list and 五好家庭', () => {
  describeAuthorization('award.list', async () => ({ villageId: 'tiegou', year: 2026 }), EVERYONE)

  beforeEach(async () => {
    app = await makeTestApp()
  })

  const family = (name: string) => ({ villageId: 'tiegou', kind: 'fiveGoodFamily', year: 2026, subject: { name, householdNo: '3组5号' }, reason: '孝老爱亲，邻里和睦，家风淳朴。' }) as const

  it('keeps the year’s 五好家庭 per village: the public sees confirmed ones, the cadres the nominations too', async () => {
    const a = await ok<Award>(app.call(DEMO.cadre, 'award.nominate', family('李秀英')))
    const b = await ok<Award>(app.call(DEMO.cadre, 'award.nominate', family('王春花')))
    await ok(app.call(DEMO.secretary, 'award.confirm', { awardId: a.id }))
    expect(a).toMatchObject({ kind: 'fiveGoodFamily', week: null, year: 2026, label: '李秀英（3组5号）' })

    const publicList = await ok(app.call(null, 'award.list', { villageId: 'tiegou', year: 2026 }))
    expect(publicList.items.map((i: Award) => i.id)).toEqual([a.id])
    const cadreList = await ok(app.call(DEMO.cadre, 'award.list', { villageId: 'tiegou', year: 2026, kind: 'fiveGoodFamily' }))
    expect(cadreList.items.map((i: Award) => i.id).sort()).toEqual([a.id, b.id].sort())
    expect((await ok(app.call(DEMO.cadre, 'award.list', { villageId: 'tiegou', year: 2025 }))).items).toEqual([])
    expect((await ok(app.call(DEMO.cadre, 'award.list', { villageId: 'liugang', year: 2026 }))).items).toEqual([])
  })

  it('pages the list', async () => {
    for (const name of ['甲一', '乙二', '丙三']) await ok(app.call(DEMO.cadre, 'award.nominate', family(name)))
    const first = await ok(app.call(DEMO.cadre, 'award.list', { villageId: 'tiegou', year: 2026, limit: 2 }))
    const second = await ok(app.call(DEMO.cadre, 'award.list', { villageId: 'tiegou', year: 2026, limit: 2, cursor: first.nextCursor }))
    expect([...first.items, ...second.items].map((i: Award) => i.label)).toHaveLength(3)
    expect(second.nextCursor).toBeNull()
  })

  it('refuses a 五好家庭 without a household or of a year long past', async () => {
    const noSubject = await app.call(DEMO.cadre, 'award.nominate', { villageId: 'tiegou', kind: 'fiveGoodFamily', year: 2026, reason: '孝老爱亲，邻里和睦。' })
    expect(noSubject).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('户主') }) })
    const old = await app.call(DEMO.cadre, 'award.nominate', { ...family('李秀英'), year: 2020 })
    expect(old).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('今年或去年') }) })
  })

  it('takes the household from a praise notice of the year', async () => {
    const notice: Notice = await praiseToday(app)
    const award = await ok<Award>(app.call(DEMO.cadre, 'award.nominate', { villageId: 'tiegou', kind: 'fiveGoodFamily', year: 2026, noticeId: notice.id }))
    expect(award).toMatchObject({ label: '钱德胜（6组9号）', reason: PRAISE.text, noticeId: notice.id })
  })
})
