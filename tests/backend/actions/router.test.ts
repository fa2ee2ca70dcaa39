import { DEMO, makeDraft, makeTestApp, type TestApp } from '../../support/app-harness'
import { dayFromToday, draftAsCadre, ok } from '../../support/factories'

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
})
afterEach(() => app.close())

describe('the api router', () => {
  it('answers an unknown action with INVALID_INPUT', async () => {
    const response = await app.callRaw(DEMO.secretary, { action: 'notice.delete', data: {} })
    expect(response).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '未知的操作：notice.delete' } })
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('treats %s as an unknown action', async (action) => {
    const response = await app.callRaw(DEMO.secretary, { action, data: {} })
    expect(response.ok === false && response.error.code).toBe('INVALID_INPUT')
  })

  it('answers a request without an action with INVALID_INPUT', async () => {
    const response = await app.callRaw(DEMO.secretary, { data: {} })
    expect(response.ok === false && response.error.code).toBe('INVALID_INPUT')
  })

  it.each([null, undefined, 'notice.draft', 42, []])('answers a malformed event (%p) with INVALID_INPUT', async (event) => {
    const response = await app.callRaw(DEMO.secretary, event)
    expect(response.ok === false && response.error.code).toBe('INVALID_INPUT')
  })

  it('lists each wrong field of an invalid payload, in Chinese', async () => {
    const response = await app.call(DEMO.cadre, 'notice.draft', makeDraft({ text: '', publishDate: '2026-02-30' }))
    expect(response).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        issues: expect.arrayContaining([{ path: 'text', message: '内容不能为空' }, { path: 'publishDate', message: '日期不存在' }]),
      },
    })
  })

  it('validates the payload before checking who is calling', async () => {
    const response = await app.call(null, 'notice.draft', makeDraft({ text: '' }))
    expect(response.ok === false && response.error.code).toBe('INVALID_INPUT')
  })

  describe('identity comes only from the caller, never from the payload', () => {
    it('refuses a villager who puts the secretary’s openid in the data, changing nothing', async () => {
      const drafted = await draftAsCadre(app)
      const before = app.store.dump()
      const response = await app.call(DEMO.villager, 'notice.review', { noticeId: drafted.id, decision: 'approve', openid: DEMO.secretary } as never)
      expect(response.ok === false && response.error.code).toBe('FORBIDDEN')
      expect(app.store.dump()).toEqual(before)
    })

    it('refuses a villager who puts the secretary’s openid beside the action', async () => {
      const drafted = await draftAsCadre(app)
      const response = await app.callRaw(DEMO.villager, {
        action: 'notice.review',
        data: { noticeId: drafted.id, decision: 'approve' },
        openid: DEMO.secretary,
        OPENID: DEMO.secretary,
        userInfo: { openId: DEMO.secretary },
      })
      expect(response.ok === false && response.error.code).toBe('FORBIDDEN')
    })

    it('refuses an anonymous caller who names an openid in the data', async () => {
      const response = await app.call(null, 'notice.draft', { ...makeDraft({ publishDate: dayFromToday(app, 1) }), openid: DEMO.cadre } as never)
      expect(response.ok === false && response.error.code).toBe('UNAUTHENTICATED')
    })

    it('records the real caller as drafter whatever the payload claims', async () => {
      const notice = await ok(
        app.call(DEMO.cadre, 'notice.draft', { ...makeDraft({ publishDate: dayFromToday(app, 1) }), openid: DEMO.secretary, draftedBy: DEMO.secretary } as never),
      )
      expect(notice.draftedBy).toBe(DEMO.cadre)
    })

    it('describes the caller in me.get, not the openid in the data', async () => {
      const me = await ok(app.call(DEMO.villager, 'me.get', { openid: DEMO.secretary } as never))
      expect(me.personId).toBe(DEMO.villager)
    })
  })
})
