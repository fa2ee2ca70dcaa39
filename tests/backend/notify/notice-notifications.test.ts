import { DEMO, makeDraft, makeTestApp, type TestApp } from '../../support/app-harness'
import { dayFromToday, draftAsCadre, insertPerson, makeCriticismDraft, ok, publishedCriticismToday } from '../../support/factories'
import { LOCAL_TEMPLATES } from '../../../backend/notify/config'
import { SendFailure, type SubscribeMessage } from '../../../backend/notify/messenger'
import type { InboxDoc } from '../../../backend/notify'
import type { Notice } from '../../../types/notice'
import { runDailyPublish } from '../../../backend/publish/daily'

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
  jest.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  app.close()
  jest.restoreAllMocks()
})

/** Every inbox entry in the store, as (recipient, kind) pairs: "the right people and nobody else". */
const inbox = () => (app.store.dump().inbox as unknown as InboxDoc[]).map((d) => [d.openid, d.kind]).sort()
const entriesOf = (openid: string) => (app.store.dump().inbox as unknown as InboxDoc[]).filter((d) => d.openid === openid)

const insertSecondSecretary = () =>
  insertPerson(app, { _id: 'secretary-tiegou-2', name: '李副书记', grants: [{ role: 'secretary', villageId: 'tiegou' }] })
const insertLeader = (id: string, townshipId = 'fanggang') => insertPerson(app, { _id: id, name: '领导', townshipId, villageId: null, grants: [{ role: 'leader' }] })

/** A WeChat stand-in that records what it was asked to send, or refuses with `errCode`. */
function fakeWeChat(errCode: number | null = null) {
  const sent: SubscribeMessage[] = []
  app.deps.templates = LOCAL_TEMPLATES
  app.deps.messenger = {
    async send(message) {
      if (errCode !== null) throw new SendFailure(errCode, 'refused')
      sent.push(message)
    },
  }
  return sent
}

/** The connection drops between a transition's commit and its send: the post-commit claim on an inbox entry fails. */
function cutSendsAfterCommit() {
  const patchIf = app.store.patchIf.bind(app.store)
  return jest.spyOn(app.store, 'patchIf').mockImplementation(async (collection, id, expect, fields) => {
    if (collection === 'inbox') throw new Error('connection lost')
    return patchIf(collection, id, expect, fields)
  })
}

const subscribe = (openid: string, templateId: string, times = 1) =>
  ok(app.call(openid, 'subscription.record', { results: Array.from({ length: times }, () => ({ templateId, status: 'accept' as const })) }))

describe('a draft waiting for review', () => {
  it("reaches the village's secretary and nobody else", async () => {
    const notice = await draftAsCadre(app)
    expect(inbox()).toEqual([[DEMO.secretary, 'notice.submitted']])
    const [entry] = entriesOf(DEMO.secretary)
    expect(entry).toMatchObject({ title: '帖沟村表扬公告待审核', page: '/cadre/review/index?villageId=tiegou', unread: true })
    expect(entry.body).toContain(notice.publishDate)
  })

  it('reaches every other secretary of the village, not the drafting one', async () => {
    const second = await insertSecondSecretary()
    await ok(app.call(DEMO.secretary, 'notice.draft', makeCriticismDraft({ publishDate: dayFromToday(app, 1) })))
    expect(inbox()).toEqual([[second, 'notice.submitted']])
  })

  it("goes to the township's leaders when a criticism is drafted by the village's only secretary", async () => {
    const otherTownshipLeader = await insertLeader('leader-elsewhere', 'other-township')
    await ok(app.call(DEMO.secretary, 'notice.draft', makeCriticismDraft({ publishDate: dayFromToday(app, 1) })))
    expect(inbox()).toEqual([[DEMO.leader, 'notice.submitted']])
    expect(entriesOf(otherTownshipLeader)).toEqual([])
  })

  it("tells nobody of a praise the only secretary drafted (they may approve it themselves)", async () => {
    await ok(app.call(DEMO.secretary, 'notice.draft', makeDraft({ publishDate: dayFromToday(app, 1) })))
    expect(inbox()).toEqual([])
  })

  it('reaches a withdrawn secretary no more', async () => {
    const { syncRoleDirectory } = await import('../../../backend/notify/recipients')
    const grants = [{ role: 'cadre' as const, villageId: 'tiegou' }]
    await app.store.patch('people', DEMO.secretary, { grants })
    await syncRoleDirectory(app.store, { _id: DEMO.secretary, townshipId: 'fanggang', grants })
    await draftAsCadre(app)
    expect(inbox()).toEqual([])
  })

  it('finds a secretary whose grant was written by hand, outside the directory (safety net)', async () => {
    await app.store.insert('people', { _id: 'secretary-liugang', name: '刘书记', townshipId: 'fanggang', villageId: 'liugang', grants: [{ role: 'secretary', villageId: 'liugang' }], createdAt: '2026-11-01T00:00:00.000Z' })
    await app.store.insert('people', { _id: 'cadre-liugang', name: '刘干部', townshipId: 'fanggang', villageId: 'liugang', grants: [{ role: 'cadre', villageId: 'liugang' }], createdAt: '2026-11-01T00:00:00.000Z' })
    await ok(app.call('cadre-liugang', 'notice.draft', makeDraft({ villageId: 'liugang', publishDate: dayFromToday(app, 1) })))
    expect(inbox()).toEqual([['secretary-liugang', 'notice.submitted']])
  })

  it('is notified once when the submission is retried with the same request id', async () => {
    const draft = makeDraft({ publishDate: dayFromToday(app, 1), requestId: 'form-retry-0001' })
    await ok(app.call(DEMO.cadre, 'notice.draft', draft))
    await ok(app.call(DEMO.cadre, 'notice.draft', draft))
    expect(inbox()).toEqual([[DEMO.secretary, 'notice.submitted']])
  })

  it('writes nothing when the draft is refused', async () => {
    const response = await app.call(DEMO.cadre, 'notice.draft', makeDraft({ publishDate: '2020-01-01' }))
    expect(response.ok).toBe(false)
    expect(inbox()).toEqual([])
  })
})

describe('a review decision', () => {
  it.each([
    ['approve', 'notice.approved', '表扬公告已通过审核'],
    ['reject', 'notice.rejected', '表扬公告被驳回'],
  ] as const)('%s reaches the drafting cadre and nobody else', async (decision, kind, title) => {
    const notice = await draftAsCadre(app)
    await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: notice.id, decision, comment: '请补充照片' }))
    expect(inbox()).toEqual([[DEMO.cadre, kind], [DEMO.secretary, 'notice.submitted']])
    const [entry] = entriesOf(DEMO.cadre)
    expect(entry).toMatchObject({ title, page: '/cadre/review/index?villageId=tiegou&tab=all' })
    expect(entry.body).toContain('审核意见：请补充照片')
  })

  it('tells nobody when the secretary approves their own praise', async () => {
    const mine = await ok<Notice>(app.call(DEMO.secretary, 'notice.draft', makeDraft({ publishDate: dayFromToday(app, 1) })))
    await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: mine.id, decision: 'approve' }))
    expect(inbox()).toEqual([])
  })

  it('is not notified again by a refused second review', async () => {
    const notice = await draftAsCadre(app)
    await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: notice.id, decision: 'approve' }))
    const again = await app.call(DEMO.secretary, 'notice.review', { noticeId: notice.id, decision: 'reject' })
    expect(again.ok).toBe(false)
    expect(entriesOf(DEMO.cadre).map((e) => e.kind)).toEqual(['notice.approved'])
  })
})

describe('an objection (申诉)', () => {
  it("reaches the village's secretary when filed and the villager when decided, and nobody else", async () => {
    const criticism = await publishedCriticismToday(app)
    const before = inbox()
    const objection = await ok(app.call(DEMO.villager, 'objection.create', { noticeId: criticism.id, reason: '柴草已于昨日清理完毕，请核实。' }))
    const added = () => inbox().filter((row) => !before.some((b) => b[0] === row[0] && b[1] === row[1]))
    expect(added()).toEqual([[DEMO.secretary, 'objection.filed']])
    expect(entriesOf(DEMO.secretary).find((e) => e.kind === 'objection.filed')).toMatchObject({ page: '/cadre/objections/index?villageId=tiegou' })
    await ok(app.call(DEMO.secretary, 'objection.decide', { objectionId: objection.id, decision: 'uphold' }))
    expect(added().sort()).toEqual([[DEMO.secretary, 'objection.filed'], [DEMO.villager, 'objection.upheld']].sort())
  })
})

describe('WeChat subscribe messages', () => {
  it('sends one message per accepted subscription and keeps the count', async () => {
    const sent = fakeWeChat()
    const state = await subscribe(DEMO.secretary, 'local-review', 2)
    expect(state.subscriptions).toEqual([{ template: 'review', remaining: 2, villageId: null }])
    await draftAsCadre(app)
    await draftAsCadre(app)
    await draftAsCadre(app)
    expect(sent.map((m) => [m.touser, m.templateId, m.page])).toEqual([
      [DEMO.secretary, 'local-review', 'cadre/review/index?villageId=tiegou'],
      [DEMO.secretary, 'local-review', 'cadre/review/index?villageId=tiegou'],
    ])
    expect(Object.keys(sent[0].data).sort()).toEqual(['thing1', 'thing2', 'time3'])
    expect(sent[0].data.thing1.value.length).toBeLessThanOrEqual(20)
    const statuses = entriesOf(DEMO.secretary).map((e) => e.delivery?.status).sort()
    expect(statuses).toEqual(['no-subscription', 'sent', 'sent'])
    const again = await ok(app.call(DEMO.secretary, 'subscription.record', { results: [{ templateId: 'local-review', status: 'reject' }] }))
    expect(again.subscriptions).toEqual([{ template: 'review', remaining: 0, villageId: null }])
  })

  it('leaves the action successful when the send fails, writes the entry and gives the accept back', async () => {
    fakeWeChat(40037)
    await subscribe(DEMO.secretary, 'local-review')
    const response = await app.call(DEMO.cadre, 'notice.draft', makeDraft({ publishDate: dayFromToday(app, 1) }))
    expect(response.ok).toBe(true)
    const [entry] = entriesOf(DEMO.secretary)
    expect(entry.delivery).toEqual({ template: 'review', status: 'failed', detail: '40037' })
    const state = await ok(app.call(DEMO.secretary, 'subscription.record', { results: [{ templateId: 'local-review', status: 'reject' }] }))
    expect(state.subscriptions[0].remaining).toBe(1)
    expect(console.error).toHaveBeenCalled()
  })

  it('trusts WeChat when it says no subscription is left (43101): the count drops to zero', async () => {
    fakeWeChat(43101)
    await subscribe(DEMO.cadre, 'local-result', 3)
    const notice = await draftAsCadre(app)
    const review = await app.call(DEMO.secretary, 'notice.review', { noticeId: notice.id, decision: 'approve' })
    expect(review.ok).toBe(true)
    expect(entriesOf(DEMO.cadre)[0].delivery).toMatchObject({ status: 'no-subscription', detail: '43101' })
    const state = await ok(app.call(DEMO.cadre, 'subscription.record', { results: [{ templateId: 'local-result', status: 'reject' }] }))
    expect(state.subscriptions[0].remaining).toBe(0)
  })

  it('writes the entry with the draft, sends after the commit; a send cut off there is finished by the retry, once', async () => {
    const sent = fakeWeChat()
    await subscribe(DEMO.secretary, 'local-review')
    const cut = cutSendsAfterCommit()
    const draft = makeDraft({ publishDate: dayFromToday(app, 1), requestId: 'notify-retry-0001' })
    const first = await ok<Notice>(app.call(DEMO.cadre, 'notice.draft', draft))
    // The draft and its entry committed together; the accept was claimed with them; nothing sent yet.
    expect(entriesOf(DEMO.secretary)).toEqual([expect.objectContaining({ sending: true, delivery: null })])
    expect(sent).toEqual([])
    cut.mockRestore()
    const again = await ok<Notice>(app.call(DEMO.cadre, 'notice.draft', draft))
    expect(again.id).toBe(first.id)
    expect(sent).toHaveLength(1)
    expect(entriesOf(DEMO.secretary)).toEqual([expect.objectContaining({ sending: false, delivery: { template: 'review', status: 'sent', detail: null } })])
    await ok(app.call(DEMO.cadre, 'notice.draft', draft))
    expect(sent).toHaveLength(1)
    const state = await ok(app.call(DEMO.secretary, 'subscription.record', { results: [{ templateId: 'local-review', status: 'reject' }] }))
    expect(state.subscriptions[0].remaining).toBe(0)
  })

  /** The cadre subscribed; the secretary approves their draft and the connection drops before the send. */
  async function approveWithSendCut() {
    const sent = fakeWeChat()
    await subscribe(DEMO.cadre, 'local-result')
    const notice = await draftAsCadre(app)
    const cut = cutSendsAfterCommit()
    await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: notice.id, decision: 'approve' }))
    cut.mockRestore()
    return { sent, notice }
  }

  it('sends, at the next 07:00 run, a message whose send was cut off after a review no retry can repeat', async () => {
    const { sent, notice } = await approveWithSendCut()
    // The secretary's repeat is refused (the notice moved on), so nothing finishes the send.
    expect((await app.call(DEMO.secretary, 'notice.review', { noticeId: notice.id, decision: 'approve' })).ok).toBe(false)
    expect(sent).toEqual([])
    expect(entriesOf(DEMO.cadre)).toEqual([expect.objectContaining({ sending: true, delivery: null })])

    app.setNow(new Date(app.clock.now.getTime() + 24 * 3600_000).toISOString())
    const morning = await runDailyPublish(app.deps)
    expect(morning.owedMessages).toEqual({ written: 0, sent: 1, failed: 0 })
    expect(sent.map((m) => [m.touser, m.templateId])).toEqual([[DEMO.cadre, 'local-result']])
    expect(entriesOf(DEMO.cadre)).toEqual([expect.objectContaining({ sending: false, delivery: { template: 'result', status: 'sent', detail: null } })])
    expect((await runDailyPublish(app.deps)).owedMessages).toEqual({ written: 0, sent: 0, failed: 0 })
    expect(sent).toHaveLength(1)
  })

  it('leaves a message a live function is still sending to that function', async () => {
    const { sent } = await approveWithSendCut()
    expect((await runDailyPublish(app.deps)).owedMessages).toEqual({ written: 0, sent: 0, failed: 0 })
    expect(sent).toEqual([])
  })

  it('local mode records what would have been sent and shows it in the inbox', async () => {
    await subscribe(DEMO.secretary, 'local-review')
    await draftAsCadre(app)
    const page = await ok(app.call(DEMO.secretary, 'inbox.list', {}))
    expect(page.items[0].delivery).toMatchObject({ template: 'review', status: 'recorded' })
    expect(page.items[0].delivery.detail).toContain('本地模式')
  })

  it('says "not configured" when a deployment has no template id for it', async () => {
    const sent = fakeWeChat()
    app.deps.templates = {}
    await draftAsCadre(app)
    expect(sent).toEqual([])
    expect(entriesOf(DEMO.secretary)[0].delivery).toMatchObject({ status: 'not-configured' })
  })
})

describe('subscription.record', () => {
  it('refuses a template id this deployment does not use, and writes nothing', async () => {
    const before = app.store.dump()
    const response = await app.call(DEMO.villager, 'subscription.record', { results: [{ templateId: 'someone-elses', status: 'accept' }] })
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(app.store.dump()).toEqual(before)
  })

  it('needs the village for the board reminder', async () => {
    const response = await app.call(DEMO.villager, 'subscription.record', { results: [{ templateId: 'local-board', status: 'accept' }] })
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('counts each accept and moves the board reminder to the village last asked from', async () => {
    await ok(app.call(DEMO.villager, 'subscription.record', { results: [{ templateId: 'local-board', status: 'accept' }], villageId: 'tiegou' }))
    const state = await ok(app.call(DEMO.villager, 'subscription.record', { results: [{ templateId: 'local-board', status: 'accept' }], villageId: 'liugang' }))
    expect(state.subscriptions).toEqual([{ template: 'board', remaining: 2, villageId: 'liugang' }])
  })

  it('refuses more than WeChat asks at once (3 templates)', async () => {
    const results = Array.from({ length: 4 }, () => ({ templateId: 'local-review', status: 'accept' as const }))
    expect(await app.call(DEMO.villager, 'subscription.record', { results })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('inbox', () => {
  it('lists newest first in pages, counts unread, and marks read', async () => {
    for (let i = 0; i < 5; i++) await draftAsCadre(app)
    expect(await ok(app.call(DEMO.secretary, 'inbox.unreadCount', {}))).toEqual({ count: 5 })
    const first = await ok(app.call(DEMO.secretary, 'inbox.list', { limit: 3 }))
    const second = await ok(app.call(DEMO.secretary, 'inbox.list', { limit: 3, cursor: first.nextCursor }))
    expect(first.items).toHaveLength(3)
    expect(second.items).toHaveLength(2)
    expect(second.nextCursor).toBeNull()
    const all = [...first.items, ...second.items]
    expect(new Set(all.map((i: { id: string }) => i.id)).size).toBe(5)
    expect(await ok(app.call(DEMO.secretary, 'inbox.markRead', { ids: [all[0].id, all[0].id] }))).toEqual({ updated: 1 })
    expect(await ok(app.call(DEMO.secretary, 'inbox.unreadCount', {}))).toEqual({ count: 4 })
    expect(await ok(app.call(DEMO.secretary, 'inbox.markRead', { all: true }))).toEqual({ updated: 4 })
    expect(await ok(app.call(DEMO.secretary, 'inbox.unreadCount', {}))).toEqual({ count: 0 })
  })

  it("never shows or marks someone else's entries", async () => {
    await draftAsCadre(app)
    const [entry] = entriesOf(DEMO.secretary)
    expect((await ok(app.call(DEMO.cadre, 'inbox.list', {}))).items).toEqual([])
    expect(await ok(app.call(DEMO.cadre, 'inbox.markRead', { ids: [entry._id] }))).toEqual({ updated: 0 })
    expect(await ok(app.call(DEMO.secretary, 'inbox.unreadCount', {}))).toEqual({ count: 1 })
  })

  it('refuses anonymous callers and bad payloads', async () => {
    expect(await app.call(null, 'inbox.unreadCount', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await app.call(DEMO.cadre, 'inbox.markRead', {} as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await app.call(DEMO.cadre, 'inbox.markRead', { ids: ['a'], all: true } as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
