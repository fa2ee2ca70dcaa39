import { DEMO, makeTestApp, type TestApp } from '../../support/app-harness'

import type { ApiResponse } from '../../../types/errors'

const err = (r: ApiResponse<unknown>) => (r.ok ? { code: 'ok', message: '' } : r.error)

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
})
afterEach(() => app.close())

const TF4 = 'demo-taskforce-4'
const YEAR = 2026

async function ok<T = any>(p: Promise<{ ok: boolean; data?: any; error?: any }>): Promise<T> {
  const r = await p
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.data as T
}

async function createDraft(star: 1 | 2 | 3 | 4 | 5 = 4) {
  return ok(app.call(DEMO.cadre, 'application.create', { villageId: 'tiegou', star, year: YEAR }))
}

describe('star application workflow', () => {
  it('runs draft → submitted → returned → submitted → recommended → approved → revoked, with the timeline and the rating', async () => {
    const draft = await createDraft()
    expect(draft.status).toBe('draft')
    expect(draft.rows.length).toBeGreaterThan(0)
    expect(draft.rows.every((r: any) => r.months.length === 0 || r.months[r.months.length - 1].month === '2026-11')).toBe(true)

    // Evidence: the village's own ledger entry.
    const ledger = await ok(app.call(DEMO.cadre, 'ledger.list', { villageId: 'tiegou', star: 4, limit: 5 }))
    const rowId = draft.rows[0].criterionId
    const updated = await ok(app.call(DEMO.cadre, 'application.update', {
      applicationId: draft.id, note: '本年度平安法治工作扎实', rows: [{ criterionId: rowId, ledgerIds: ledger.items.slice(0, 1).map((e: any) => e.id), comment: '每月开展' }],
    }))
    expect(updated.rows[0].comment).toBe('每月开展')

    // Only the secretary submits.
    expect(err(await app.call(DEMO.cadre, 'application.submit', { applicationId: draft.id })).code).toBe('FORBIDDEN')
    await ok(app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id }))
    // Another star's task force may not review it.
    expect(err(await app.call(DEMO.taskforce, 'application.review', { applicationId: draft.id, decision: 'recommend' })).code).toBe('FORBIDDEN')
    const returned = await ok(app.call(TF4, 'application.review', {
      applicationId: draft.id, decision: 'return', comment: '缺少十月防电诈照片', rowComments: [{ criterionId: rowId, comment: '补充照片' }],
    }))
    expect(returned.status).toBe('returned')
    expect(returned.rows[0].reviewComment).toBe('补充照片')
    let rating = await ok(app.call(DEMO.villager, 'rating.get', { villageId: 'tiegou', year: YEAR }))
    expect(rating.stars[3]).toMatchObject({ star: 4, state: 'returned' })

    await ok(app.call(DEMO.cadre, 'application.update', { applicationId: draft.id, rows: [{ criterionId: rowId, comment: '已补充照片' }] }))
    await ok(app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id }))
    await ok(app.call(TF4, 'application.review', { applicationId: draft.id, decision: 'recommend', comment: '同意推荐' }))
    // Leaders decide; task forces do not.
    expect(err(await app.call(TF4, 'application.decide', { applicationId: draft.id, decision: 'approve' })).code).toBe('FORBIDDEN')
    await ok(app.call(DEMO.leader, 'application.decide', { applicationId: draft.id, decision: 'approve', comment: '授予平安法治星' }))

    rating = await ok(app.call(null, 'rating.get', { villageId: 'tiegou', year: YEAR }))
    expect(rating.level).toBe(1)
    expect(rating.stars[3].state).toBe('approved')
    let grid = await ok(app.call(DEMO.leader, 'dashboard.get', { year: YEAR }))
    expect(grid.rows).toHaveLength(24)
    const tiegou = () => grid.rows.find((r: any) => r.villageId === 'tiegou')
    expect(tiegou().stars[3].state).toBe('approved')
    expect(tiegou().level).toBe(1)
    expect(tiegou().rank).toBe(1)

    // A second live application of the same star and year is refused.
    expect(err(await app.call(DEMO.cadre, 'application.create', { villageId: 'tiegou', star: 4, year: YEAR })).code).toBe('CONFLICT')

    expect(err(await app.call(DEMO.leader, 'application.revoke', { applicationId: draft.id, reason: '' })).code).toBe('INVALID_INPUT')
    await ok(app.call(DEMO.leader, 'application.revoke', { applicationId: draft.id, reason: '发生电诈案件，摘星整改' }))
    grid = await ok(app.call(DEMO.leader, 'dashboard.get', { year: YEAR }))
    expect(tiegou().stars[3].state).toBe('revoked')
    expect(tiegou().level).toBe(0)

    const timeline = await ok(app.call(DEMO.leader, 'audit.list', { entity: 'application', entityId: draft.id }))
    expect(timeline.items.map((s: any) => s.action)).toEqual([
      'application.create', 'application.update', 'application.submit', 'application.return', 'application.update',
      'application.submit', 'application.recommend', 'application.approve', 'application.revoke',
    ])
    expect(timeline.items[3]).toMatchObject({ actorName: '刘洋', status: 'returned', comment: '缺少十月防电诈照片' })
    expect(timeline.items[8]).toMatchObject({ actorName: '陈卫东', status: 'revoked', comment: '发生电诈案件，摘星整改' })

    // After revocation the village may apply again.
    await createDraft()
  })

  it('refuses transitions out of order with CONFLICT naming the current state', async () => {
    const draft = await createDraft()
    const r = await app.call(DEMO.leader, 'application.decide', { applicationId: draft.id, decision: 'approve' })
    expect(err(r).code).toBe('CONFLICT')
    expect(err(r).message).toContain('草稿')
    const stale = await app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id, expectedVersion: 7 })
    expect(err(stale).code).toBe('CONFLICT')
  })

  it('requires a comment to return or reject, and refuses evidence of another village', async () => {
    const draft = await createDraft()
    await ok(app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id }))
    expect(err(await app.call(TF4, 'application.review', { applicationId: draft.id, decision: 'return', comment: ' ' })).code).toBe('INVALID_INPUT')
    const other = await createDraft(1)
    const foreign = await ok(app.call(DEMO.leader, 'ledger.list', { villageId: 'liugang', limit: 1 }))
    if (foreign.items.length) {
      const r = await app.call(DEMO.cadre, 'application.update', { applicationId: other.id, rows: [{ criterionId: other.rows[0].criterionId, ledgerIds: [foreign.items[0].id] }] })
      expect(err(r).code).toBe('INVALID_INPUT')
    }
    const missing = await app.call(DEMO.cadre, 'application.update', { applicationId: other.id, rows: [{ criterionId: other.rows[0].criterionId, ledgerIds: ['nope'] }] })
    expect(err(missing).code).toBe('INVALID_INPUT')
  })

  it('a create retried with the same request id lands once', async () => {
    const a = await ok(app.call(DEMO.cadre, 'application.create', { villageId: 'tiegou', star: 2, year: YEAR, requestId: 'req-12345678' }))
    const b = await ok(app.call(DEMO.cadre, 'application.create', { villageId: 'tiegou', star: 2, year: YEAR, requestId: 'req-12345678' }))
    expect(b.id).toBe(a.id)
  })

  it('lists a village\'s applications and the township\'s review queue of a star', async () => {
    const a = await createDraft(4)
    await createDraft(3)
    await ok(app.call(DEMO.secretary, 'application.submit', { applicationId: a.id }))
    const own = await ok(app.call(DEMO.cadre, 'application.list', { villageId: 'tiegou', year: YEAR }))
    expect(own.items).toHaveLength(2)
    const queue = await ok(app.call(TF4, 'application.list', { status: 'submitted', star: 4 }))
    expect(queue.items.map((x: any) => x.id)).toEqual([a.id])
    const refused = await app.call(DEMO.villager, 'application.list', { villageId: 'tiegou' })
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN')
  })
})
