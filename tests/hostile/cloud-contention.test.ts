import type { ApiResponse } from '../../types/errors'
import type { LedgerEntry } from '../../types/ledger'
import type { AuditEntry } from '../../backend/audit'
import { chinaDay } from '../../core/time'
import { COLLECTION_NAMES } from '../../backend/storage/collections'
import { DEMO } from '../support/app-harness'
import { makePerson } from '../support/factories'
import { makeCloudTestApp } from '../support/cloud-test-app'
import { ensureCatalogue, makeLedgerInput } from '../support/records-factories'
import { startCloudbaseStandin, type CloudbaseStandin, type StandinDoc } from '../support/cloudbase-standin'

// Contention on the cloud path: the cloud adapter (the real wx-server-sdk) against the CloudBase
// stand-in (tests only — not the real cloud) with CONCURRENT transactions, as on the service: two
// that touch one document overlap, and the later commit answers DATABASE_TRANSACTION_CONFLICT.
// wx-server-sdk re-runs a conflicted transaction only 3 times, at once; what still conflicts must
// reach the caller as CONFLICT ("try again"), never INTERNAL. A lost answer's retry answers the
// first result to the same caller.

const RACERS = 10
const LATENCY_MS = 10
const SECOND_MEMBER = 'contention-taskforce-4b'
const SECOND_LEADER = 'contention-leader-b'

let standin: CloudbaseStandin
let app: Awaited<ReturnType<typeof makeCloudTestApp>>
let seeded: Record<string, StandinDoc[]>
let year: number

beforeAll(async () => {
  standin = await startCloudbaseStandin({ collections: COLLECTION_NAMES, transactions: 'concurrent' })
  app = await makeCloudTestApp(standin)
  year = Number(chinaDay(app.clock.now).slice(0, 4))
  await ensureCatalogue(app.store, 'fanggang', year)
  await app.store.insert('people', { ...makePerson({ _id: SECOND_MEMBER, name: '周专班', villageId: null, grants: [{ role: 'taskforce', star: 4 }] }) })
  await app.store.insert('people', { ...makePerson({ _id: SECOND_LEADER, name: '吴镇长', villageId: null, grants: [{ role: 'leader' }] }) })
  seeded = standin.exportData()
}, 60_000)
afterAll(() => standin.close())

beforeEach(() => {
  standin.abortCommits(0)
  standin.reset()
  standin.importData(seeded)
})

const codeOf = (r: ApiResponse<unknown>) => (r.ok ? 'ok' : r.error.code)
const tally = (responses: Array<ApiResponse<unknown>>) => {
  const codes: Record<string, number> = {}
  for (const r of responses) codes[codeOf(r)] = (codes[codeOf(r)] ?? 0) + 1
  return codes
}
async function must<T>(response: Promise<ApiResponse<any>>): Promise<T> {
  const r = await response
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error)}`)
  return r.data as T
}
const auditOf = (entityId: string) => app.store.find<AuditEntry>('audit', { where: { entityId }, orderBy: [['at', 'asc']], limit: 100 })

test(`${RACERS}-way redeem of one code: exactly one holds the role, all ${RACERS - 1} others CONFLICT; the winner's retry answers their grant`, async () => {
  const created = await must<{ id: string; code: string }>(app.call(DEMO.admin, 'invite.create', { role: 'cadre', villageId: 'fangbei' }))
  const racers = Array.from({ length: RACERS }, (_, i) => `contender-${i}`)
  // An in-region round trip: the racers' transactions overlap for real, and the SDK's own 3 re-runs are not enough.
  standin.setLatency(LATENCY_MS)
  const responses = await Promise.all(racers.map((openid, i) => app.call(openid, 'invite.redeem', { code: created.code, name: `抢码人${i}` }))).finally(() => standin.setLatency(0))
  expect(tally(responses)).toEqual({ ok: 1, CONFLICT: RACERS - 1 })
  const winner = racers[responses.findIndex((r) => r.ok)]
  const holders: string[] = []
  for (const openid of racers) if ((await app.store.get<{ _id: string; grants: unknown[] }>('people', openid))?.grants.length) holders.push(openid)
  expect(holders).toEqual([winner])
  expect((await auditOf(created.id)).map((e) => e.action)).toEqual(['invite.create', 'invite.redeem'])
  // Every loser is told something they can act on, in Chinese.
  for (const r of responses) if (!r.ok) expect(r.error.message).toMatch(/已被使用|已被他人处理|再试/)

  // The winner's answer was lost; their second tap answers their grant, and changes nothing.
  const before = standin.exportData()
  const again = await app.call(winner, 'invite.redeem', { code: created.code, name: '抢码人' })
  expect(again).toEqual(responses.find((r) => r.ok))
  expect(standin.exportData()).toEqual(before)
  // Anyone else is still told the code is used.
  const other = await app.call('contender-late', 'invite.redeem', { code: created.code, name: '迟到者' })
  expect(other.ok ? 'ok' : other.error.message).toContain('已被使用')
}, 60_000)

test('two task-force members verifying one ledger entry at once: one wins, the other CONFLICT, the entry counted once', async () => {
  const entry = await must<LedgerEntry>(app.call(DEMO.cadre, 'ledger.create', makeLedgerInput()))
  const responses = await Promise.all([
    app.call('demo-taskforce-4', 'ledger.review', { entryId: entry.id, decision: 'verify', comment: '第一位' }),
    app.call(SECOND_MEMBER, 'ledger.review', { entryId: entry.id, decision: 'verify', comment: '第二位' }),
  ])
  expect(responses.map(codeOf).sort()).toEqual(['CONFLICT', 'ok'])
  const stored = (await app.store.get<LedgerEntry & { _id: string }>('ledger', entry.id))!
  expect([stored.status, stored.version]).toEqual(['verified', 2])
  expect(await auditOf(entry.id)).toHaveLength(2)
}, 60_000)

test('two leaders deciding one application at once: one wins, the other CONFLICT, one decision in the audit', async () => {
  const draft = await must<{ id: string }>(app.call(DEMO.cadre, 'application.create', { villageId: 'tiegou', star: 4, year }))
  await must(app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id }))
  await must(app.call('demo-taskforce-4', 'application.review', { applicationId: draft.id, decision: 'recommend', comment: '' }))
  const responses = await Promise.all([
    app.call(DEMO.leader, 'application.decide', { applicationId: draft.id, decision: 'approve', comment: '' }),
    app.call(SECOND_LEADER, 'application.decide', { applicationId: draft.id, decision: 'reject', comment: '材料不全' }),
  ])
  expect(responses.map(codeOf).sort()).toEqual(['CONFLICT', 'ok'])
  const winner = responses.find((r) => r.ok)!.data as { status: string }
  const decisions = (await auditOf(draft.id)).filter((e) => e.action === 'application.approve' || e.action === 'application.reject')
  expect(decisions.map((e) => e.action)).toEqual([winner.status === 'approved' ? 'application.approve' : 'application.reject'])
}, 60_000)

test('a commit the database aborts is run again; one it aborts every time is CONFLICT asking to try again, nothing written', async () => {
  const created = await must<{ id: string; code: string }>(app.call(DEMO.admin, 'invite.create', { role: 'cadre', villageId: 'fangbei' }))
  standin.abortCommits(1)
  const redeemed = await app.call('contender-a', 'invite.redeem', { code: created.code, name: '张一' })
  expect(codeOf(redeemed)).toBe('ok')
  expect(standin.abortedCommits()).toBe(1)

  const other = await must<{ id: string; code: string }>(app.call(DEMO.admin, 'invite.create', { role: 'cadre', villageId: 'tiegou' }))
  const before = standin.exportData()
  standin.abortCommits(Infinity)
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  try {
    const refused = await app.call('contender-b', 'invite.redeem', { code: other.code, name: '张二' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(refused.ok ? '' : refused.error.message).toContain('再试')
  } finally {
    warn.mockRestore()
    standin.abortCommits(0)
  }
  expect(standin.exportData()).toEqual(before)
}, 60_000)
