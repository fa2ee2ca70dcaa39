import type { Application } from '../../../types/application'
import type { LedgerEntry } from '../../../types/ledger'
import { DEMO, makeTestApp, type TestApp } from '../../support/app-harness'
import { ok } from '../../support/factories'
import { makeLedgerInput } from '../../support/records-factories'

// Nobody sees another person's OPENID but an admin: ledger entries, applications and timelines too.
const TASKFORCE_4 = 'demo-taskforce-4'
const PSEUDONYM = /^u_[0-9a-f]{16}$/

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
})
afterEach(() => app.close())

describe('who made and reviewed a record, as each caller sees it', () => {
  it('a ledger entry shows its cadre by pseudonym to the task force and the leader, by OPENID to the cadre and to an admin', async () => {
    const entry = await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.create', makeLedgerInput()))
    expect(entry.createdBy).toBe(DEMO.cadre)
    const reviewed = await ok<LedgerEntry>(app.call(TASKFORCE_4, 'ledger.review', { entryId: entry.id, decision: 'verify' }))
    expect(reviewed.createdBy).toMatch(PSEUDONYM)
    expect(reviewed.reviewedBy).toBe(TASKFORCE_4)

    const asLeader = await ok<LedgerEntry>(app.call(DEMO.leader, 'ledger.get', { entryId: entry.id }))
    expect([asLeader.createdBy, asLeader.reviewedBy]).toEqual([expect.stringMatching(PSEUDONYM), expect.stringMatching(PSEUDONYM)])
    // The same person is the same pseudonym wherever they appear.
    expect(asLeader.createdBy).toBe(reviewed.createdBy)
    const listed = (await ok(app.call(DEMO.leader, 'ledger.list', { villageId: 'tiegou', limit: 50 }))).items.find((e: LedgerEntry) => e.id === entry.id)
    expect(listed.createdBy).toBe(asLeader.createdBy)

    const asCadre = await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.get', { entryId: entry.id }))
    expect(asCadre.createdBy).toBe(DEMO.cadre)
    expect(asCadre.reviewedBy).toMatch(PSEUDONYM)
    const asAdmin = await ok<LedgerEntry>(app.call(DEMO.admin, 'ledger.get', { entryId: entry.id }))
    expect([asAdmin.createdBy, asAdmin.reviewedBy]).toEqual([DEMO.cadre, TASKFORCE_4])
  })

  it('an application and its timeline show the secretary by pseudonym to the leader, with the name beside it', async () => {
    const draft = await ok<Application>(app.call(DEMO.secretary, 'application.create', { villageId: 'tiegou', star: 4, year: 2026 }))
    await ok(app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id }))
    const asLeader = await ok<Application>(app.call(DEMO.leader, 'application.get', { applicationId: draft.id }))
    expect([asLeader.createdBy, asLeader.updatedBy]).toEqual([expect.stringMatching(PSEUDONYM), expect.stringMatching(PSEUDONYM)])
    const listed = (await ok(app.call(DEMO.leader, 'application.list', { status: 'submitted', limit: 50 }))).items.find((a: Application) => a.id === draft.id)
    expect(listed.createdBy).toBe(asLeader.createdBy)

    const timeline = (await ok(app.call(DEMO.leader, 'audit.list', { entity: 'application', entityId: draft.id, limit: 50 }))).items
    expect(timeline.map((s: { actor: string; actorName: string }) => [s.actor, s.actorName])).toEqual([
      [asLeader.createdBy, '王志刚'],
      [asLeader.createdBy, '王志刚'],
    ])
    const asAdmin = (await ok(app.call(DEMO.admin, 'audit.list', { entity: 'application', entityId: draft.id, limit: 50 }))).items
    expect(asAdmin.map((s: { actor: string }) => s.actor)).toEqual([DEMO.secretary, DEMO.secretary])
    expect((await ok<Application>(app.call(DEMO.secretary, 'application.get', { applicationId: draft.id }))).createdBy).toBe(DEMO.secretary)
  })

  it('the catalogue, which anyone may read, and the targets show the admin who last edited them by pseudonym', async () => {
    await ok(app.call(DEMO.admin, 'catalogue.update', { year: 2026, focus: [{ month: '2026-12', text: '冬季防火' }] }))
    await ok(app.call(DEMO.admin, 'target.set', { villageId: 'tiegou', year: 2026, stars: [1, 2, 4] }))
    const asVillager = await ok(app.call(null, 'catalogue.get', { year: 2026 }))
    expect(asVillager.updatedBy).toMatch(PSEUDONYM)
    expect((await ok(app.call(DEMO.admin, 'catalogue.get', { year: 2026 }))).updatedBy).toBe(DEMO.admin)
    const targets = (await ok(app.call(DEMO.leader, 'target.list', { year: 2026 }))).items
    expect(targets.find((t: { villageId: string }) => t.villageId === 'tiegou').updatedBy).toBe(asVillager.updatedBy)
  })
})
