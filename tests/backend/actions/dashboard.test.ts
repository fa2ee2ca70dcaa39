import { makeAppOnStore, DEMO } from '../../support/app-harness'
import { createSqliteStore } from '../../../backend/storage/sqlite'
import { countingStore } from '../../../bench/counting-store'
import { makeChecklistItem, makeLedgerEntry } from '../../support/records-factories'
import { toDoc, findCatalogue, type Stored } from '../../../backend/repository'
import { updateCompliance } from '../../../backend/actions/ledger'
import { applyEntry, countStatuses, emptyComplianceYear, evaluateMonth } from '../../../core/compliance'
import { criteriaFor } from '../../../core/catalogue-rules'
import { isOverdue } from '../../../core/checklist-rules'
import type { LedgerEntry, LedgerStatus } from '../../../types/ledger'
import type { ChecklistItem, ChecklistStatus } from '../../../types/checklist'
import type { Application } from '../../../types/application'
import type { Village } from '../../../types/village'
import { STARS } from '../../../types/roles'
import { ARTICLE_STANDARDS } from '../../../backend/seed/standards'
import { writeChecklistItems } from '../../../backend/checklist-writes'

const YEAR = 2026
const MONTH = '2026-11'

/** A small deterministic pseudo-random source (same data every run). */
function rng(seed: number) {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648
  }
}
const pick = <T,>(r: () => number, list: readonly T[]) => list[Math.floor(r() * list.length)]

async function makeApp() {
  const raw = createSqliteStore({ file: ':memory:' })
  const store = countingStore(raw)
  const app = await makeAppOnStore(store, { idPrefix: 'd' })
  return { ...app, store, close: () => raw.close() }
}
type App = Awaited<ReturnType<typeof makeApp>>

const ruled = ARTICLE_STANDARDS.filter((c) => c.rule)

/** Ledger entries written the way handlers write them: the entry and its compliance in one transaction. */
async function plantLedger(app: App, r: () => number, villageIds: string[], n: number, tag: string) {
  for (let i = 0; i < n; i++) {
    const criterion = pick(r, ruled)
    const day = `${YEAR}-${String(1 + Math.floor(r() * 11)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`
    const id = `${tag}${i}`
    const entry = makeLedgerEntry({
      id, villageId: pick(r, villageIds), star: criterion.star, criterionId: criterion.id, activityType: criterion.rule!.activityType, date: day, month: day.slice(0, 7),
      status: pick(r, ['submitted', 'verified', 'verified', 'returned', 'resubmitted'] as LedgerStatus[]),
      figure: criterion.rule!.kind === 'figure' ? Math.floor(r() * 200000) : null, sortKey: `2026-01-01T00:00:00.000Z_${id}`,
    })
    await app.store.transaction(async (tx) => {
      await tx.insert('ledger', toDoc(entry))
      await updateCompliance(tx, null, entry)
    })
  }
}

async function plantRest(app: App, r: () => number, villageIds: string[]) {
  for (const [i, villageId] of villageIds.entries()) {
    for (let k = 0; k < 1 + Math.floor(r() * 6); k++) {
      const id = `ck${i}_${k}`
      const item = makeChecklistItem({
        id, villageId, dueMonth: `${YEAR}-${String(8 + Math.floor(r() * 5)).padStart(2, '0')}`, status: pick(r, ['open', 'in_progress', 'awaiting', 'done'] as ChecklistStatus[]),
      })
      await writeChecklistItems(app.store, [{ before: null, after: item }])
    }
    for (let d = 1; d <= 30; d += 1 + Math.floor(r() * 5)) {
      const date = `${MONTH}-${String(d).padStart(2, '0')}`
      await app.store.insertIfAbsent('boards', { _id: `${villageId}_${date}`, townshipId: 'fanggang', villageId, date, publishedAt: `${date}T00:00:00.000Z`, praiseCount: Math.floor(r() * 3), criticismCount: Math.floor(r() * 2), entries: [] })
    }
  }
}

/** 帖沟村's checklist through the handlers: due months moved (into the past too), items closed off, closings accepted or rejected. */
async function playChecklist(app: App) {
  const must = async (p: Promise<any>) => {
    const res = await p
    if (!res.ok) throw new Error(JSON.stringify(res.error))
    return res.data
  }
  const entry = (await app.store.find<{ _id: string }>('ledger', { where: { villageId: 'tiegou' }, orderBy: [['sortKey', 'asc']], limit: 1 }))[0]
  const items = await app.store.find<Stored<ChecklistItem>>('checklist', { where: { villageId: 'tiegou' }, orderBy: [['sortKey', 'asc']], limit: 100 })
  for (const [k, item] of items.entries()) {
    if (item.status === 'open' || item.status === 'in_progress') {
      if (k % 3 === 0) await must(app.call(DEMO.cadre, 'checklist.update', { itemId: item._id, dueMonth: `${YEAR}-0${1 + (k % 9)}` }))
      else {
        await must(app.call(DEMO.cadre, 'checklist.close', { itemId: item._id, ledgerEntryId: entry._id }))
        await must(app.call(DEMO.secretary, 'checklist.review', k % 2 ? { itemId: item._id, decision: 'accept' } : { itemId: item._id, decision: 'reject', comment: '材料不全' }))
      }
    } else if (item.status === 'awaiting') await must(app.call(DEMO.secretary, 'checklist.review', { itemId: item._id, decision: 'accept' }))
  }
}

/** Applications through the handlers, each star ending in a random state. */
async function playApplications(app: App, r: () => number, villageIds: string[]) {
  const must = async (p: Promise<any>) => {
    const res = await p
    if (!res.ok) throw new Error(JSON.stringify(res.error))
    return res.data
  }
  await app.store.insert('people', { _id: 'leader-x', name: '镇领导', townshipId: 'fanggang', villageId: null, grants: [{ role: 'leader' }], createdAt: '2026-01-01T00:00:00.000Z' })
  for (const star of STARS) await app.store.insertIfAbsent('people', { _id: `tf-${star}`, name: `专班${star}`, townshipId: 'fanggang', villageId: null, grants: [{ role: 'taskforce', star }], createdAt: '2026-01-01T00:00:00.000Z' })
  for (const villageId of villageIds.slice(0, 8)) {
    const sec = `sec-${villageId}`
    await app.store.insertIfAbsent('people', { _id: sec, name: '书记', townshipId: 'fanggang', villageId, grants: [{ role: 'secretary', villageId }], createdAt: '2026-01-01T00:00:00.000Z' })
    for (const star of STARS) {
      const steps = Math.floor(r() * 7)
      if (steps === 0) continue
      const a = await must(app.call(sec, 'application.create', { villageId, star, year: YEAR }))
      if (steps >= 2) await must(app.call(sec, 'application.submit', { applicationId: a.id }))
      if (steps === 3) await must(app.call(`tf-${star}`, 'application.review', { applicationId: a.id, decision: 'return', comment: '补充' }))
      if (steps >= 4) await must(app.call(`tf-${star}`, 'application.review', { applicationId: a.id, decision: 'recommend', comment: '' }))
      if (steps >= 5) await must(app.call('leader-x', 'application.decide', { applicationId: a.id, decision: steps === 5 ? 'reject' : 'approve', comment: steps === 5 ? '不达标' : '' }))
      if (steps === 6 && r() < 0.4) await must(app.call('leader-x', 'application.revoke', { applicationId: a.id, reason: '摘星' }))
    }
  }
}

/** The grid recomputed from the raw records, by brute force. */
async function bruteForce(app: App, villages: Village[]) {
  const catalogue = (await findCatalogue(app.store, 'fanggang', YEAR))!
  const today = '2026-11-27'
  const out: Record<string, any> = {}
  for (const v of villages) {
    const ledger = await app.store.find<Stored<LedgerEntry>>('ledger', { where: { villageId: v.id }, orderBy: [['sortKey', 'asc']], limit: 1000 })
    const summary = emptyComplianceYear('fanggang', v.id, YEAR)
    for (const e of ledger) applyEntry(summary, e as unknown as LedgerEntry, 1)
    const compliance = countStatuses(evaluateMonth(criteriaFor(catalogue, MONTH), summary, MONTH, today))
    const items = await app.store.find<Stored<ChecklistItem>>('checklist', { where: { villageId: v.id }, orderBy: [['sortKey', 'asc']], limit: 1000 })
    const boards = await app.store.find<{ _id: string; date: string; praiseCount: number; criticismCount: number }>('boards', { where: { villageId: v.id }, orderBy: [['date', 'asc']], limit: 1000 })
    const month = boards.filter((b) => b.date.startsWith(MONTH))
    const apps = (await app.store.find<Stored<Application>>('applications', { where: { villageId: v.id }, orderBy: [['sortKey', 'asc']], limit: 1000 })).filter((a) => a.year === YEAR)
    const latest = STARS.map((star) => apps.filter((a) => a.star === star).pop()?.status ?? null)
    out[v.id] = {
      compliance,
      checklist: { total: items.length, done: items.filter((i) => i.status === 'done').length, overdue: items.filter((i) => isOverdue(i as never, MONTH)).length },
      praise: month.reduce((s, b) => s + b.praiseCount, 0),
      criticism: month.reduce((s, b) => s + b.criticismCount, 0),
      statuses: latest,
      level: latest.filter((s) => s === 'approved').length,
    }
  }
  return out
}

describe('dashboard.get', () => {
  let app: App
  beforeAll(async () => {
    app = await makeApp()
  }, 60_000)
  afterAll(() => app.close())

  const villages = async () => (await app.store.find<Stored<Village>>('villages', { where: { townshipId: 'fanggang' }, orderBy: [['order', 'asc']], limit: 100 })).map((d) => ({ ...d, id: d._id }) as unknown as Village)

  it('costs the same reads at any ledger size, and matches a brute-force recount on generated data', async () => {
    const all = await villages()
    const ids = all.map((v) => v.id)
    const r = rng(42)
    const call = async () => {
      app.store.reset()
      const res = await app.call(DEMO.leader, 'dashboard.get', { year: YEAR, month: MONTH })
      if (!res.ok) throw new Error(JSON.stringify(res.error))
      return { data: res.data, reads: app.store.counts().reads }
    }
    const small = await call()
    await plantLedger(app, r, ids, 1500, 'gen')
    await plantRest(app, r, ids)
    await playApplications(app, r, ids)
    await playChecklist(app)
    const large = await call()
    // The caller (1) + villages page (1) + ratings, targets, compliance, checklist tallies, boards, catalogue (6) + the latest tour (1).
    expect(large.reads).toBe(small.reads)
    expect(large.reads).toBe(2 + 6 + 1)

    const expected = await bruteForce(app, all)
    for (const row of large.data.rows) {
      const want = expected[row.villageId]
      expect({ v: row.villageId, compliance: row.compliance, checklist: row.checklist, praise: row.praise, criticism: row.criticism, level: row.level, statuses: row.stars.map((s: any) => s.status) })
        .toEqual({ v: row.villageId, ...want })
    }
    // The generated data really exercises every figure.
    const rows = large.data.rows as any[]
    expect(rows.some((x) => x.level > 0) && rows.some((x) => x.compliance.done > 0) && rows.some((x) => x.checklist.overdue > 0) && rows.some((x) => x.praise > 0)).toBe(true)
    expect(new Set(rows.flatMap((x) => x.stars.map((s: any) => s.state))).size).toBeGreaterThanOrEqual(5)
    // The ranking is a permutation ordered by level first.
    const ranked = [...large.data.rows].sort((a: any, b: any) => a.rank - b.rank)
    expect(ranked.map((x: any) => x.rank)).toEqual(ranked.map((_: unknown, i: number) => i + 1))
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].level).toBeGreaterThanOrEqual(ranked[i].level)
  }, 120_000)

  it('a village page (villageId) is readable by its cadres, not by a villager; the township grid is not readable by cadres', async () => {
    expect((await app.call(DEMO.cadre, 'dashboard.get', { year: YEAR, villageId: 'tiegou' })).ok).toBe(true)
    expect((await app.call(DEMO.cadre, 'dashboard.get', { year: YEAR })) .ok).toBe(false)
    expect((await app.call(DEMO.villager, 'dashboard.get', { year: YEAR, villageId: 'tiegou' })).ok).toBe(false)
  })

  it('exports the grid as .xlsx', async () => {
    const res = await app.call(DEMO.leader, 'export.dashboard', { year: YEAR, month: MONTH })
    expect(res.ok).toBe(true)
    expect(res.ok && res.data.rows).toBe(24)
    expect(res.ok && res.data.fileName).toMatch(/督导看板 2026-11\.xlsx$/)
  })
})
