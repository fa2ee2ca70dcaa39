import { DEMO, makeTestApp, type TestApp } from '../../support/app-harness'
import { dayFromToday, insertSecondVillager, ok, publishedCriticismToday, setChinaTime } from '../../support/factories'
import type { Notice } from '../../../types/notice'
import { describeAuthorization, VILLAGE_SECRETARY, VILLAGE_VILLAGERS } from './authorization'

let app: TestApp
afterEach(() => app.close())

const REASON = '门前柴草已于昨日清理干净，请核实。'

const publicIds = async (target: TestApp) =>
  (await ok(target.call(null, 'board.get', { villageId: 'tiegou' }))).entries.map((e: { noticeId: string }) => e.noticeId)
const cadreIds = async (target: TestApp) =>
  (await ok(target.call(DEMO.cadre, 'board.get', { villageId: 'tiegou' }))).entries.map((e: { noticeId: string }) => e.noticeId)

/** A criticism on today's board with the villager's open objection; answers both ids. */
async function objected(target: TestApp) {
  const criticism = await publishedCriticismToday(target)
  const objection = await ok(target.call(DEMO.villager, 'objection.create', { noticeId: criticism.id, reason: REASON }))
  return { noticeId: criticism.id, objectionId: objection.id as string }
}

describe('objection.create', () => {
  describeAuthorization('objection.create', async (a) => ({ noticeId: (await publishedCriticismToday(a)).id, reason: REASON }), VILLAGE_VILLAGERS)

  beforeEach(async () => {
    app = await makeTestApp()
  })

  it('records an open objection by the caller', async () => {
    const criticism = await publishedCriticismToday(app)
    const objection = await ok(app.call(DEMO.villager, 'objection.create', { noticeId: criticism.id, reason: REASON }))
    expect(objection).toMatchObject({ noticeId: criticism.id, openid: DEMO.villager, reason: REASON, status: 'open' })
  })

  it('takes the criticism off the public board while the objection is open', async () => {
    const { noticeId } = await objected(app)
    expect(await publicIds(app)).not.toContain(noticeId)
  })

  it('leaves the criticism in the cadres’ view', async () => {
    const { noticeId } = await objected(app)
    expect(await cadreIds(app)).toContain(noticeId)
  })

  it('refuses a second objection by the same person with CONFLICT, changing nothing', async () => {
    const { noticeId } = await objected(app)
    const before = app.store.dump()
    const response = await app.call(DEMO.villager, 'objection.create', { noticeId, reason: `${REASON}再次申诉。` })
    expect(response).toEqual({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已对该内容提出过申诉') } })
    expect(app.store.dump()).toEqual(before)
  })

  it('answers a retry of the same submission (same requestId) with the first objection, writing nothing', async () => {
    const criticism = await publishedCriticismToday(app)
    const payload = { noticeId: criticism.id, reason: REASON, requestId: 'objection-request-0001' }
    const first = await ok(app.call(DEMO.villager, 'objection.create', payload))
    const before = app.store.dump()
    const again = await ok(app.call(DEMO.villager, 'objection.create', payload))
    expect(again).toEqual(first)
    expect(again).not.toHaveProperty('requestId')
    expect(app.store.dump()).toEqual(before)
  })

  it('still refuses a second objection with another requestId', async () => {
    const criticism = await publishedCriticismToday(app)
    await ok(app.call(DEMO.villager, 'objection.create', { noticeId: criticism.id, reason: REASON, requestId: 'objection-request-0001' }))
    const response = await app.call(DEMO.villager, 'objection.create', { noticeId: criticism.id, reason: REASON, requestId: 'objection-request-0002' })
    expect(response).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('accepts an objection from a second villager', async () => {
    const { noticeId } = await objected(app)
    const second = await insertSecondVillager(app)
    const response = await app.call(second, 'objection.create', { noticeId, reason: REASON })
    expect(response.ok).toBe(true)
  })

  it('refuses an objection to a praise', async () => {
    const board = await ok(app.call(null, 'board.get', { villageId: 'tiegou' }))
    const praise = board.entries.find((e: { kind: string }) => e.kind === 'praise')
    const response = await app.call(DEMO.villager, 'objection.create', { noticeId: praise.noticeId, reason: REASON })
    expect(response.ok === false && response.error.code).toBe('INVALID_INPUT')
  })

  it('refuses an objection once the criticism has left the public board (day 7)', async () => {
    const criticism = await publishedCriticismToday(app)
    setChinaTime(app, dayFromToday(app, 7), '10:00')
    const response = await app.call(DEMO.villager, 'objection.create', { noticeId: criticism.id, reason: REASON })
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '该曝光内容已不在公示期内' } })
  })

  it('lets a first-time visitor object once they bind to the village', async () => {
    const criticism = await publishedCriticismToday(app)
    await ok(app.call('first-time-visitor', 'me.bindVillage', { villageId: 'tiegou' }))
    const response = await app.call('first-time-visitor', 'objection.create', { noticeId: criticism.id, reason: REASON })
    expect(response.ok).toBe(true)
  })
})

describe('objection.listOpen', () => {
  describeAuthorization('objection.listOpen', async () => ({ villageId: 'tiegou' }), VILLAGE_SECRETARY)

  beforeEach(async () => {
    app = await makeTestApp()
  })

  it('lists the open objection with its notice for the secretary', async () => {
    const { noticeId, objectionId } = await objected(app)
    const page = await ok(app.call(DEMO.secretary, 'objection.listOpen', { villageId: 'tiegou' }))
    expect(page.items).toEqual([expect.objectContaining({ id: objectionId, notice: expect.objectContaining({ id: noticeId, openObjections: 1 }) })])
  })
})

describe('objection.decide', () => {
  describeAuthorization('objection.decide', async (a) => ({ objectionId: (await objected(a)).objectionId, decision: 'dismiss' }), VILLAGE_SECRETARY)

  beforeEach(async () => {
    app = await makeTestApp()
  })

  it('puts a criticism back on the public board when the objection is dismissed', async () => {
    const { noticeId, objectionId } = await objected(app)
    await ok(app.call(DEMO.secretary, 'objection.decide', { objectionId, decision: 'dismiss' }))
    expect(await publicIds(app)).toContain(noticeId)
  })

  it('keeps the criticism hidden while another person’s objection is still open', async () => {
    const { noticeId, objectionId } = await objected(app)
    await ok(app.call(await insertSecondVillager(app), 'objection.create', { noticeId, reason: REASON }))
    await ok(app.call(DEMO.secretary, 'objection.decide', { objectionId, decision: 'dismiss' }))
    expect(await publicIds(app)).not.toContain(noticeId)
  })

  it('takes a criticism down for good when the objection is upheld', async () => {
    const { noticeId, objectionId } = await objected(app)
    await ok(app.call(DEMO.secretary, 'objection.decide', { objectionId, decision: 'uphold' }))
    expect(await publicIds(app)).not.toContain(noticeId)
    expect(await cadreIds(app)).not.toContain(noticeId)
  })

  it('marks an upheld criticism withdrawn', async () => {
    const { noticeId, objectionId } = await objected(app)
    await ok(app.call(DEMO.secretary, 'objection.decide', { objectionId, decision: 'uphold' }))
    const [notice] = (await ok(app.call(DEMO.secretary, 'notice.listDrafts', { villageId: 'tiegou', status: 'withdrawn' }))).items as Notice[]
    expect(notice).toMatchObject({ id: noticeId, status: 'withdrawn', openObjections: 0 })
  })

  it('refuses a new objection to a withdrawn criticism', async () => {
    const { noticeId, objectionId } = await objected(app)
    await ok(app.call(DEMO.secretary, 'objection.decide', { objectionId, decision: 'uphold' }))
    const response = await app.call(await insertSecondVillager(app), 'objection.create', { noticeId, reason: REASON })
    expect(response.ok === false && response.error.code).toBe('INVALID_INPUT')
  })

  it('refuses deciding the same objection twice with CONFLICT, changing nothing', async () => {
    const { objectionId } = await objected(app)
    await ok(app.call(DEMO.secretary, 'objection.decide', { objectionId, decision: 'dismiss' }))
    const before = app.store.dump()
    const response = await app.call(DEMO.secretary, 'objection.decide', { objectionId, decision: 'uphold' })
    expect(response.ok === false && response.error.code).toBe('CONFLICT')
    expect(app.store.dump()).toEqual(before)
  })

  it('drops a decided objection from the open list', async () => {
    const { objectionId } = await objected(app)
    await ok(app.call(DEMO.secretary, 'objection.decide', { objectionId, decision: 'dismiss' }))
    expect((await ok(app.call(DEMO.secretary, 'objection.listOpen', { villageId: 'tiegou' }))).items).toEqual([])
  })
})
