import { makeTestApp, type TestApp } from '../../support/app-harness'
import { makeCriticism, makeNotice, today } from '../../support/factories'
import { toDoc } from '../../../backend/repository'
import { auditDoc } from '../../../backend/audit'
import { runDailyPublish } from '../../../backend/publish/daily'
import { REQUEST_RETENTION_DAYS, reduceOldCriticisms } from '../../../backend/publish/retention'
import { addDays } from '../../../core/time'
import { withCrashingStore } from './crashing-store'

let app: TestApp
afterEach(() => app.close())

const named = { name: '赵国庆', householdNo: '2组8号' }

/** A criticism on the board of `daysAgo` days back, with the audit entries its life wrote. */
async function plantCriticism(id: string, daysAgo: number, overrides: Parameters<typeof makeCriticism>[0] = {}) {
  const day = addDays(today(app), -daysAgo)
  const notice = makeCriticism({ id, subject: named, publishDate: day, boardDate: day, ...overrides })
  await app.store.insert('notices', toDoc(notice))
  const draft = { ...notice, status: 'pending' as const, boardDate: null, version: 1 }
  await app.store.insert('audit', { ...auditDoc({ townshipId: 'fanggang', at: `${day}T00:00:00.000Z`, actor: 'c', action: 'notice.draft', entity: 'notice', entityId: id, before: null, after: draft, version: 1 }) })
  await app.store.insert('audit', { ...auditDoc({ townshipId: 'fanggang', at: `${day}T01:00:00.000Z`, actor: 's', action: 'notice.publish', entity: 'notice', entityId: id, before: draft, after: notice, version: 3 }) })
  return notice
}

const stored = (id: string) => app.store.dump().notices.find((n) => n._id === id)!
const auditOf = (id: string) => app.store.dump().audit.filter((a) => a.entityId === id)

describe('retention of a criticism’s named subject', () => {
  beforeEach(async () => {
    app = await makeTestApp()
  })

  it('reduces a criticism a year past its board day to its public label, in the notice and its audit entries', async () => {
    await plantCriticism('old', 365)
    const report = await runDailyPublish(app.deps)
    expect(report.criticismsReduced).toBe(1)
    expect(stored('old').subject).toEqual({ name: '赵某某', householdNo: '2组' })
    expect(JSON.stringify(auditOf('old'))).not.toContain('赵国庆')
    expect(JSON.stringify(auditOf('old'))).not.toContain('8号')
  })

  it('leaves a younger criticism and any praise named', async () => {
    await plantCriticism('young', 364)
    await app.store.insert('notices', toDoc(makeNotice({ id: 'praise', subject: { name: '王建军', householdNo: '3组12号' }, boardDate: addDays(today(app), -800) })))
    await runDailyPublish(app.deps)
    expect(stored('young').subject).toEqual(named)
    expect(stored('praise').subject).toEqual({ name: '王建军', householdNo: '3组12号' })
  })

  it('writes nothing the second time', async () => {
    await plantCriticism('old', 400)
    await runDailyPublish(app.deps)
    const after = app.store.dump()
    expect((await runDailyPublish(app.deps)).criticismsReduced).toBe(0)
    expect(app.store.dump()).toEqual(after)
  })

  it('takes its period from the deployment', async () => {
    await plantCriticism('month', 30)
    expect(await reduceOldCriticisms({ ...app.deps, criticismRetentionDays: 30 }, today(app))).toBe(1)
    expect((stored('month').subject as { name: string }).name).toBe('赵某某')
  })

  it('works through more criticisms than one batch', async () => {
    for (let i = 0; i < 130; i++) await app.store.insert('notices', toDoc(makeCriticism({ id: `bulk${i}`, subject: named, boardDate: addDays(today(app), -366 - (i % 5)) })))
    expect(await reduceOldCriticisms(app.deps, today(app))).toBe(130)
    expect(app.store.dump().notices.filter((n) => n._id.startsWith('bulk') && (n.subject as { name: string }).name !== '赵某某')).toEqual([])
  })

  it.each([0, 1, 2, 3])('cut off after %i writes, then run again, ends as one clean run', async (writes) => {
    await plantCriticism('a', 370)
    await plantCriticism('b', 380, { subject: { name: '钱多多', householdNo: '5组1号' } })
    const crashing = withCrashingStore(app.deps, writes)
    await reduceOldCriticisms(crashing.deps, today(app)).catch(() => undefined)
    await reduceOldCriticisms(app.deps, today(app))
    expect(stored('a').subject).toEqual({ name: '赵某某', householdNo: '2组' })
    expect(stored('b').subject).toEqual({ name: '钱某某', householdNo: '5组' })
    expect(JSON.stringify(auditOf('a')) + JSON.stringify(auditOf('b'))).not.toMatch(/赵国庆|钱多多|8号|1号/)
    expect(app.store.dump().audit.filter((e) => e.actor === 'system:retention')).toHaveLength(1)
  })
})

describe('retention of applied edit requests', () => {
  beforeEach(async () => {
    app = await makeTestApp()
  })

  const plantRequest = (id: string, daysAgo: number) =>
    app.store.insert('requests', { _id: id, action: 'ledger.update', at: new Date(app.deps.now().getTime() - daysAgo * 86_400_000).toISOString(), answer: { id: 'e1' } })
  const requestIds = () => app.store.dump().requests.map((r) => r._id)

  it('forgets the markers older than 30 days and keeps the younger ones', async () => {
    await plantRequest('old', REQUEST_RETENTION_DAYS + 1)
    await plantRequest('young', REQUEST_RETENTION_DAYS - 1)
    const report = await runDailyPublish(app.deps)
    expect(report.requestsForgotten).toBe(1)
    expect(requestIds()).toEqual(['young'])
  })

  it('deletes nothing the second time', async () => {
    await plantRequest('old', 90)
    await runDailyPublish(app.deps)
    const after = app.store.dump()
    expect((await runDailyPublish(app.deps)).requestsForgotten).toBe(0)
    expect(app.store.dump()).toEqual(after)
  })
})
