import type { ActionInput, ActionName } from '../../types/api'
import type { ApiResponse } from '../../types/errors'
import type { Notice } from '../../types/notice'
import type { Objection } from '../../types/objection'
import type { AuditEntry } from '../../backend/audit'
import type { DocumentStore } from '../../core/store'
import { addDays, chinaDay } from '../../core/time'
import { COLLECTION_NAMES } from '../../backend/storage/collections'
import { DEMO, makeDraft, makeTestApp } from '../support/app-harness'
import { makeCriticismDraft, makePerson } from '../support/factories'
import { makeCloudTestApp } from '../support/cloud-test-app'
import { ensureCatalogue } from '../support/records-factories'
import { startCloudbaseStandin, type CloudbaseStandin } from '../support/cloudbase-standin'
import { byDepth } from '../support/depth'

// Many decisions on the same record at once: exactly one wins, every other one is told CONFLICT,
// and the audit log holds exactly one entry per real transition. Run on SQLite, and on the cloud
// adapter (the real wx-server-sdk against the CloudBase stand-in — not the real cloud), where the
// racers' transactions really do overlap on the wire.

/** Racers per race: enough to overlap every step of a transaction under `npm test`; the full 30 under `npm run test:deep`. */
const RACERS = byDepth({ sampled: 12, deep: 30 })

/** What the race needs from a back end, whichever adapter is behind it. */
interface RaceApp {
  store: DocumentStore
  clock: { now: Date }
  call<A extends ActionName>(openid: string | null, action: A, data: ActionInput<A>): Promise<ApiResponse<any>>
  close(): void
}

let standin: CloudbaseStandin | undefined
afterAll(async () => {
  await standin?.close()
})

const BACKENDS: Array<[string, () => Promise<RaceApp>]> = [
  ['SQLite', () => makeTestApp()],
  [
    'cloud adapter on the stand-in',
    async () => {
      standin ??= await startCloudbaseStandin({ collections: COLLECTION_NAMES })
      return { ...(await makeCloudTestApp(standin)), close: () => undefined }
    },
  ],
]

async function must<T>(response: Promise<ApiResponse<any>>): Promise<T> {
  const r = await response
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error)}`)
  return r.data as T
}

function tally(responses: Array<ApiResponse<unknown>>) {
  const codes: Record<string, number> = {}
  for (const r of responses) {
    const key = r.ok ? 'ok' : r.error.code
    codes[key] = (codes[key] ?? 0) + 1
  }
  return codes
}

describe.each(BACKENDS)('%s', (_name, makeApp) => {
  let app: RaceApp
  const today = () => chinaDay(app.clock.now)
  const auditOf = (entityId: string) =>
    app.store.find<AuditEntry>('audit', { where: { entityId }, orderBy: [['at', 'asc']], limit: 1000 })

  /** A criticism on today's board: drafted for today after 07:00, so approval publishes it at once. */
  async function publishedCriticism(): Promise<Notice> {
    const drafted = await must<Notice>(app.call(DEMO.cadre, 'notice.draft', makeCriticismDraft({ publishDate: today() })))
    const published = await must<Notice>(app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' }))
    expect(published.status).toBe('published')
    return published
  }

  beforeEach(async () => {
    app = await makeApp()
  }, 60_000)
  afterEach(() => app.close())

  it.each([
    ['a praise for tomorrow', 'praise', 1],
    ['a criticism for tomorrow', 'criticism', 1],
    ['a praise due today (the winning approval publishes it at once)', 'praise', 0],
  ] as const)(`${RACERS} concurrent notice.review on %s: one wins, the rest CONFLICT, one review in the audit`, async (_label, kind, ahead) => {
    const draft = kind === 'praise' ? makeDraft({ publishDate: addDays(today(), ahead) }) : makeCriticismDraft({ publishDate: addDays(today(), ahead) })
    const notice = await must<Notice>(app.call(DEMO.cadre, 'notice.draft', draft))
    const responses = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        app.call(DEMO.secretary, 'notice.review', { noticeId: notice.id, decision: i % 2 === 0 ? 'approve' : 'reject', comment: `第${i}位审核人` }),
      ),
    )
    expect(tally(responses)).toEqual({ ok: 1, CONFLICT: RACERS - 1 })
    const winner = responses.find((r) => r.ok)!.data as Notice
    const audit = await auditOf(notice.id)
    const reviews = audit.filter((e) => e.action === 'notice.approve' || e.action === 'notice.reject')
    expect(reviews.map((e) => e.action)).toEqual([winner.status === 'rejected' ? 'notice.reject' : 'notice.approve'])
    const stored = (await app.store.get<Notice & { _id: string }>('notices', notice.id))!
    expect(stored.reviewComment).toBe(winner.reviewComment)
    // drafted (v1) → reviewed (v2) [→ published (v3)]: one audit entry per version, none twice.
    expect(stored.version).toBe(winner.status === 'published' ? 3 : 2)
    expect(audit).toHaveLength(stored.version)
  }, 60_000)

  it(`${RACERS} concurrent notice.review with the same expectedVersion: still exactly one`, async () => {
    const notice = await must<Notice>(app.call(DEMO.cadre, 'notice.draft', makeDraft({ publishDate: addDays(today(), 1) })))
    const responses = await Promise.all(
      Array.from({ length: RACERS }, () => app.call(DEMO.secretary, 'notice.review', { noticeId: notice.id, decision: 'approve', expectedVersion: 1 })),
    )
    expect(tally(responses)).toEqual({ ok: 1, CONFLICT: RACERS - 1 })
    expect((await auditOf(notice.id)).filter((e) => e.action === 'notice.approve')).toHaveLength(1)
  }, 60_000)

  it(`two people redeem one invitation code at once (and ${RACERS} tries in all): exactly one holds the role`, async () => {
    const created = await must<{ id: string; code: string }>(app.call(DEMO.admin, 'invite.create', { role: 'cadre', villageId: 'fangbei' }))
    const racers = Array.from({ length: RACERS }, (_, i) => `racer-${i}`)
    const responses = await Promise.all(racers.map((openid, i) => app.call(openid, 'invite.redeem', { code: created.code, name: `抢码人${i}` })))
    const codes = tally(responses)
    expect(codes.ok).toBe(1)
    expect(codes.ok + (codes.CONFLICT ?? 0)).toBe(RACERS)
    const winner = racers[responses.findIndex((r) => r.ok)]
    const holders = []
    for (const openid of racers) {
      const person = await app.store.get<{ _id: string; grants: unknown[] }>('people', openid)
      if (person?.grants.length) holders.push(openid)
    }
    expect(holders).toEqual([winner])
    expect((await auditOf(created.id)).map((e) => e.action)).toEqual(['invite.create', 'invite.redeem'])
    // Both losers were told the code is used, in words they understand.
    expect(responses.find((r) => !r.ok)!.error.message).toContain('已被使用')
  }, 60_000)

  it(`${RACERS} concurrent objection.decide: one wins, the rest CONFLICT, one entry for the objection and one for its notice`, async () => {
    const criticism = await publishedCriticism()
    const objection = await must<Objection>(
      app.call(DEMO.villager, 'objection.create', { noticeId: criticism.id, reason: '柴草已于昨日清理完毕，请核实。' }),
    )
    const responses = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        app.call(DEMO.secretary, 'objection.decide', { objectionId: objection.id, decision: i % 2 === 0 ? 'uphold' : 'dismiss' }),
      ),
    )
    expect(tally(responses)).toEqual({ ok: 1, CONFLICT: RACERS - 1 })
    const winner = responses.find((r) => r.ok)!.data as Objection
    const decision = winner.status === 'upheld' ? 'objection.uphold' : 'objection.dismiss'
    expect((await auditOf(objection.id)).map((e) => e.action)).toEqual(['objection.create', decision])
    const onNotice = (await auditOf(criticism.id)).filter((e) => e.action === 'objection.uphold' || e.action === 'objection.dismiss')
    expect(onNotice.map((e) => e.action)).toEqual([decision])
    const notice = (await app.store.get<Notice & { _id: string }>('notices', criticism.id))!
    expect(notice.openObjections).toBe(0)
    expect(notice.status).toBe(winner.status === 'upheld' ? 'withdrawn' : 'published')
  }, 60_000)

  it(`${RACERS} concurrent objection.create by two villagers: one objection each, both counted`, async () => {
    const criticism = await publishedCriticism()
    await app.store.insert('people', { ...makePerson({ _id: 'villager-tiegou-2', name: '陈小红', villageId: 'tiegou' }) })
    const responses = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        app.call(i % 2 === 0 ? DEMO.villager : 'villager-tiegou-2', 'objection.create', { noticeId: criticism.id, reason: '已经整改完毕，请核实。' }),
      ),
    )
    expect(tally(responses)).toEqual({ ok: 2, CONFLICT: RACERS - 2 })
    const notice = (await app.store.get<Notice & { _id: string }>('notices', criticism.id))!
    expect(notice.openObjections).toBe(2)
    expect((await auditOf(criticism.id)).filter((e) => e.action === 'objection.create')).toHaveLength(2)
  }, 60_000)

  it(`${RACERS} concurrent notice.markRectified: one wins, the rest CONFLICT`, async () => {
    const criticism = await publishedCriticism()
    const responses = await Promise.all(Array.from({ length: RACERS }, () => app.call(DEMO.cadre, 'notice.markRectified', { noticeId: criticism.id })))
    expect(tally(responses)).toEqual({ ok: 1, CONFLICT: RACERS - 1 })
    expect((await auditOf(criticism.id)).filter((e) => e.action === 'notice.markRectified')).toHaveLength(1)
  }, 60_000)
  it(`${RACERS} concurrent application.review by two task-force members of the star: one wins, the rest CONFLICT with the current state`, async () => {
    await app.store.insert('people', { ...makePerson({ _id: 'taskforce-4-b', name: '周强', villageId: null, grants: [{ role: 'taskforce', star: 4 }] }) })
    const year = Number(today().slice(0, 4))
    await ensureCatalogue(app.store, 'fanggang', year)
    const draft = await must<{ id: string }>(app.call(DEMO.cadre, 'application.create', { villageId: 'tiegou', star: 4, year }))
    await must(app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id }))
    const responses = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        app.call(i % 2 === 0 ? 'demo-taskforce-4' : 'taskforce-4-b', 'application.review', {
          applicationId: draft.id, decision: i % 3 === 0 ? 'return' : 'recommend', comment: `第${i}位专班成员意见`, expectedVersion: 2,
        }),
      ),
    )
    expect(tally(responses)).toEqual({ ok: 1, CONFLICT: RACERS - 1 })
    const winner = responses.find((r) => r.ok)!.data as { status: string; version: number }
    const audit = await auditOf(draft.id)
    expect(audit.map((e) => e.action)).toEqual(['application.create', 'application.submit', winner.status === 'returned' ? 'application.return' : 'application.recommend'])
    const rating = await app.store.get<{ _id: string; cells: Record<string, { status: string }> }>('ratings', `tiegou_${year}`)
    expect(rating!.cells[4].status).toBe(winner.status)
    // Without expectedVersion the losers are refused by the state machine, naming where the application now stands.
    const late = await app.call('taskforce-4-b', 'application.review', { applicationId: draft.id, decision: 'recommend', comment: '' })
    expect(late.ok ? 'ok' : late.error.code).toBe('CONFLICT')
    expect(late.ok ? '' : late.error.message).toContain(winner.status === 'returned' ? '已退回' : '已推荐')
  }, 60_000)

  it(`${RACERS} concurrent application.create of the same village, star and year: exactly one live application`, async () => {
    const year = Number(today().slice(0, 4))
    await ensureCatalogue(app.store, 'fanggang', year)
    const responses = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => app.call(i % 2 === 0 ? DEMO.cadre : DEMO.secretary, 'application.create', { villageId: 'tiegou', star: 5, year })),
    )
    expect(tally(responses)).toEqual({ ok: 1, CONFLICT: RACERS - 1 })
    const listed = await must<{ items: Array<{ star: number }> }>(app.call(DEMO.cadre, 'application.list', { villageId: 'tiegou', year, limit: 50 }))
    expect(listed.items.filter((a) => a.star === 5)).toHaveLength(1)
  }, 60_000)
})
