import type { ActionInput, ActionName } from '../../types/api'
import type { ApiResponse } from '../../types/errors'
import type { LedgerEntry } from '../../types/ledger'
import type { AuditEntry } from '../../backend/audit'
import type { DocumentStore } from '../../core/store'
import type { ComplianceYear } from '../../core/compliance'
import { COLLECTION_NAMES } from '../../backend/storage/collections'
import { DEMO, makeTestApp } from '../support/app-harness'
import { makePerson } from '../support/factories'
import { makeCloudTestApp } from '../support/cloud-test-app'
import { startCloudbaseStandin, type CloudbaseStandin } from '../support/cloudbase-standin'
import { makeLedgerInput } from '../support/records-factories'

// Two members of the 平安法治星 task force act on one entry at once: exactly one decision lands,
// the other is told CONFLICT, and the month's compliance counts the entry once. Concurrent records
// of one village all land in its compliance summary (no lost update). On SQLite and on the cloud
// adapter (the real wx-server-sdk against the CloudBase stand-in — not the real cloud).

interface RaceApp {
  store: DocumentStore
  call<A extends ActionName>(openid: string | null, action: A, data: ActionInput<A>): Promise<ApiResponse<any>>
  close(): void
}

let standin: CloudbaseStandin | undefined
afterAll(async () => {
  await standin?.close()
})

const BACKENDS: Array<[string, () => Promise<RaceApp>]> = [
  ['SQLite', () => makeTestApp()],
  ['cloud adapter on the stand-in', async () => {
    standin ??= await startCloudbaseStandin({ collections: COLLECTION_NAMES })
    return { ...(await makeCloudTestApp(standin, { seedRecords: true, reuseSeed: true })), close: () => undefined }
  }],
]

const SECOND_MEMBER = 'race-taskforce-4b'

describe.each(BACKENDS)('%s', (_name, makeApp) => {
  let app: RaceApp
  beforeEach(async () => {
    app = await makeApp()
    await app.store.insert('people', { ...makePerson({ _id: SECOND_MEMBER, name: '周专班', villageId: null, grants: [{ role: 'taskforce', star: 4 }] }) })
  }, 60_000)
  afterEach(() => app.close())

  const tally = async (month = '2026-11') => (await app.store.get<ComplianceYear>('compliance', 'tiegou_2026'))!.months[month]['防电诈教育']

  it.each([
    ['verify and return', 'verify', 'return'],
    ['both verify', 'verify', 'verify'],
  ] as const)('two task-force members on one entry (%s): one wins, one CONFLICT, counted once', async (_label, first, second) => {
    const created = await app.call(DEMO.cadre, 'ledger.create', makeLedgerInput())
    if (!created.ok) throw new Error(created.error.message)
    const entry = created.data as LedgerEntry
    const responses = await Promise.all([
      app.call('demo-taskforce-4', 'ledger.review', { entryId: entry.id, decision: first, comment: '第一位' }),
      app.call(SECOND_MEMBER, 'ledger.review', { entryId: entry.id, decision: second, comment: '第二位' }),
    ])
    expect(responses.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok'])
    const winner = (responses.find((r) => r.ok) as { data: LedgerEntry }).data
    const stored = (await app.store.get<LedgerEntry & { _id: string }>('ledger', entry.id))!
    expect([stored.status, stored.version]).toEqual([winner.status, 2])
    expect(await tally()).toEqual(winner.status === 'verified' ? { verified: 1, pending: 0 } : { verified: 0, pending: 1 })
    const audit = await app.store.find<AuditEntry>('audit', { where: { entityId: entry.id }, orderBy: [['at', 'asc']], limit: 10 })
    expect(audit).toHaveLength(2)
  }, 60_000)

  it('ten records of one village at once all land in its compliance summary', async () => {
    const entriesBefore = await app.store.count('ledger', { villageId: 'tiegou', month: '2026-11' })
    const pendingBefore = (await app.store.get<ComplianceYear>('compliance', 'tiegou_2026'))!.months['2026-11']['防电诈教育']?.pending ?? 0
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => app.call(DEMO.cadre, 'ledger.create', makeLedgerInput({ summary: `第${i + 1}次防电诈宣传活动。` }))))
    const codes = responses.map((r) => (r.ok ? 'ok' : r.error.code))
    const landed = codes.filter((c) => c === 'ok').length
    // Each either landed (and is counted) or was refused whole (CONFLICT, nothing written).
    expect(codes.every((c) => c === 'ok' || c === 'CONFLICT')).toBe(true)
    expect(await app.store.count('ledger', { villageId: 'tiegou', month: '2026-11' })).toBe(entriesBefore + landed)
    expect((await tally()).pending).toBe(pendingBefore + landed)
    expect(landed).toBeGreaterThan(0)
  }, 60_000)
})
