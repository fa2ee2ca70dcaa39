import { DEMO, makeTestApp, type TestApp } from '../../support/app-harness'
import { ok, setChinaTime } from '../../support/factories'
import { makeLedgerInput } from '../../support/records-factories'
import { runDueReminders } from '../../../backend/notify/reminders'
import { checklistReminders } from '../../../backend/notify/checklist-reminders'
import { notifyApplicationTransition } from '../../../backend/notify-application'
import { getApplication } from '../../../backend/actions/application'
import { applicationNotifications, checklistReminder, ledgerReviewed } from '../../../core/notify'
import type { InboxDoc } from '../../../backend/notify'
import type { Application } from '../../../types/application'
import type { LedgerEntry } from '../../../types/ledger'
import type { ChecklistItem } from '../../../types/checklist'

const TF4 = 'demo-taskforce-4'

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
  jest.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  app.close()
  jest.restoreAllMocks()
})

const all = () => app.store.dump().inbox as unknown as InboxDoc[]
let seen = new Set<string>()
beforeEach(() => {
  seen = new Set()
})
/** The entries written since the last call, as sorted (recipient, kind) pairs: "the right people and nobody else". */
const fresh = () => {
  const added = all().filter((d) => !seen.has(d._id))
  for (const d of added) seen.add(d._id)
  return added.map((d) => [d.openid, d.kind]).sort()
}

describe('star applications: the applicant and the next reviewer', () => {
  it('walks every transition: each one reaches exactly its people', async () => {
    const draft = await ok<Application>(app.call(DEMO.cadre, 'application.create', { villageId: 'tiegou', star: 4, year: 2026 }))
    await ok(app.call(DEMO.cadre, 'application.update', { applicationId: draft.id, note: '本年度平安法治工作扎实' }))
    expect(fresh()).toEqual([])

    await ok(app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id }))
    expect(fresh()).toEqual([[DEMO.cadre, 'application.submitted'], [TF4, 'application.awaiting']].sort())
    const awaiting = all().find((d) => d.openid === TF4)!
    expect(awaiting).toMatchObject({ title: '帖沟村平安法治星申报待初审', page: `/ratings/detail/index?id=${draft.id}` })

    await ok(app.call(TF4, 'application.review', { applicationId: draft.id, decision: 'return', comment: '缺少十月防电诈照片' }))
    expect(fresh()).toEqual([[DEMO.cadre, 'application.returned'], [DEMO.secretary, 'application.returned']])
    expect(all().find((d) => d.openid === DEMO.cadre && d.kind === 'application.returned')!.body).toContain('缺少十月防电诈照片')

    await ok(app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id }))
    expect(fresh()).toEqual([[DEMO.cadre, 'application.submitted'], [TF4, 'application.awaiting']].sort())

    await ok(app.call(TF4, 'application.review', { applicationId: draft.id, decision: 'recommend', comment: '同意推荐' }))
    expect(fresh()).toEqual([[DEMO.cadre, 'application.recommended'], [DEMO.leader, 'application.awaiting'], [DEMO.secretary, 'application.recommended']])

    await ok(app.call(DEMO.leader, 'application.decide', { applicationId: draft.id, decision: 'approve', comment: '授予平安法治星' }))
    expect(fresh()).toEqual([[DEMO.cadre, 'application.approved'], [DEMO.secretary, 'application.approved']])

    await ok(app.call(DEMO.leader, 'application.revoke', { applicationId: draft.id, reason: '发生重大安全事故' }))
    expect(fresh()).toEqual([[DEMO.cadre, 'application.revoked'], [DEMO.secretary, 'application.revoked']])
  })

  it('tells the village of a rejection, and nobody of their own action', async () => {
    const draft = await ok<Application>(app.call(DEMO.secretary, 'application.create', { villageId: 'tiegou', star: 4, year: 2026 }))
    await ok(app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id }))
    // The secretary created and submitted it: only the task force hears.
    expect(fresh()).toEqual([[TF4, 'application.awaiting']])
    await ok(app.call(TF4, 'application.review', { applicationId: draft.id, decision: 'recommend', comment: '' }))
    expect(fresh()).toEqual([[DEMO.leader, 'application.awaiting'], [DEMO.secretary, 'application.recommended']])
    await ok(app.call(DEMO.leader, 'application.decide', { applicationId: draft.id, decision: 'reject', comment: '群众满意度不足' }))
    expect(fresh()).toEqual([[DEMO.secretary, 'application.rejected']])
  })

  it('a retried transition adds nothing (stable event keys per version)', async () => {
    const draft = await ok<Application>(app.call(DEMO.cadre, 'application.create', { villageId: 'tiegou', star: 4, year: 2026 }))
    await ok(app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id }))
    expect(fresh()).toHaveLength(2)
    // As stored (answers show other people's OPENIDs as pseudonyms).
    const submitted = await getApplication(app.store, draft.id)
    await notifyApplicationTransition(app.deps, { application: submitted, action: 'application.submit', actor: DEMO.secretary, comment: null })
    expect(fresh()).toEqual([])
    expect(all().map((d) => d.event).sort()).toEqual([`application.submit.review:${draft.id}:v2`, `application.submit:${draft.id}:v2`])
  })

  it('a failed recipient look-up fails the transition before anything is written; its retry notifies', async () => {
    const draft = await ok<Application>(app.call(DEMO.cadre, 'application.create', { villageId: 'tiegou', star: 4, year: 2026 }))
    const find = app.store.find.bind(app.store)
    const down = jest.spyOn(app.store, 'find').mockImplementation(async (collection: string, query: any) => {
      if (collection === 'roleHolders') throw new Error('directory down')
      return find(collection, query)
    })
    const failed = await app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id })
    expect(failed.ok).toBe(false)
    expect((await app.store.get<{ _id: string; status: string }>('applications', draft.id))?.status).toBe('draft')
    expect(fresh()).toEqual([])
    down.mockRestore()
    // The record and who hears of it land together: the retry writes both.
    const submitted = await ok<Application>(app.call(DEMO.secretary, 'application.submit', { applicationId: draft.id }))
    expect(submitted.status).toBe('submitted')
    expect(fresh()).toHaveLength(2)
  })
})

describe('who hears what (pure rules)', () => {
  const base = { id: 'a1', villageId: 'tiegou', townshipId: 'fanggang', star: 4, year: 2026, version: 3, createdBy: 'cadre' } as unknown as Application
  const people = { secretaries: ['sec'], taskForce: ['tf', 'sec'], leaders: ['lead'] }
  const to = (action: string, actor: string) => applicationNotifications(base, action, actor, null, people, '帖沟村').map((n) => [n.kind, [...n.to]])

  it('maps each action to its audiences', () => {
    expect(to('application.create', 'cadre')).toEqual([])
    expect(to('application.update', 'cadre')).toEqual([])
    // A reviewer who is also the village's secretary hears once, as the reviewer.
    expect(to('application.submit', 'sec')).toEqual([['application.submitted', ['cadre']], ['application.awaiting', ['tf']]])
    expect(to('application.return', 'tf')).toEqual([['application.returned', ['cadre', 'sec']]])
    expect(to('application.recommend', 'tf')).toEqual([['application.recommended', ['cadre', 'sec']], ['application.awaiting', ['lead']]])
    for (const action of ['approve', 'reject', 'revoke']) expect(to(`application.${action}`, 'lead')).toEqual([[expect.any(String), ['cadre', 'sec']]])
  })

  it('keys events by action, application and version', () => {
    const [applicant, reviewer] = applicationNotifications(base, 'application.submit', 'sec', null, people, '帖沟村')
    expect([applicant.event, reviewer.event]).toEqual(['application.submit:a1:v3', 'application.submit.review:a1:v3'])
    expect(applicant.title.length).toBeLessThanOrEqual(20)
    expect(reviewer.title.length).toBeLessThanOrEqual(20)
  })

  it('ledger: the creator hears of verify and return, not of their own review', () => {
    const entry = { id: 'e1', villageId: 'tiegou', month: '2026-11', date: '2026-11-02', version: 2, createdBy: 'cadre', reviewComment: null } as unknown as LedgerEntry
    expect(ledgerReviewed({ ...entry, status: 'verified' }, 'tf')).toMatchObject({ kind: 'ledger.verified', to: ['cadre'], event: 'ledger.verified:e1:v2' })
    expect(ledgerReviewed({ ...entry, status: 'returned' }, 'tf')).toMatchObject({ kind: 'ledger.returned', to: ['cadre'] })
    expect(ledgerReviewed({ ...entry, status: 'verified' }, 'cadre')?.to).toEqual([])
    expect(ledgerReviewed({ ...entry, status: 'resubmitted' }, 'tf')).toBeNull()
  })

  it('checklist: due this month, overdue after, nothing before or once closed', () => {
    const item = { id: 'c1', villageId: 'tiegou', ownerId: 'owner', text: '路灯维修', dueMonth: '2026-11', status: 'open' } as unknown as ChecklistItem
    expect(checklistReminder(item, '2026-10')).toBeNull()
    expect(checklistReminder(item, '2026-11')).toMatchObject({ key: 'c1:due:2026-11', notification: { kind: 'checklist.due', to: ['owner'], template: 'due' } })
    expect(checklistReminder({ ...item, status: 'in_progress' }, '2026-12')).toMatchObject({ key: 'c1:overdue', notification: { kind: 'checklist.overdue' } })
    expect(checklistReminder({ ...item, status: 'awaiting' }, '2026-12')).toBeNull()
    expect(checklistReminder({ ...item, status: 'done' }, '2026-12')).toBeNull()
  })
})

describe('ledger: the entry’s creator hears it was returned or verified', () => {
  it('return, resubmit, verify: the cadre and nobody else, once each', async () => {
    const entry = await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.create', makeLedgerInput()))
    fresh()
    const returned = await ok<LedgerEntry>(app.call(TF4, 'ledger.review', { entryId: entry.id, decision: 'return', comment: '请补充照片' }))
    expect(fresh()).toEqual([[DEMO.cadre, 'ledger.returned']])
    expect(all().find((d) => d.kind === 'ledger.returned')).toMatchObject({ page: `/records/entry/index?villageId=tiegou&entryId=${entry.id}` })
    const { villageId: _v, ...fields } = makeLedgerInput()
    await ok(app.call(DEMO.cadre, 'ledger.update', { ...fields, entryId: entry.id, expectedVersion: returned.version }))
    expect(fresh()).toEqual([])
    await ok(app.call(TF4, 'ledger.review', { entryId: entry.id, decision: 'verify' }))
    expect(fresh()).toEqual([[DEMO.cadre, 'ledger.verified']])
  })
})

describe('checklist: the owner hears when an item is due this month and when it is overdue', () => {
  const mine = () => all().filter((d) => d.openid === DEMO.cadre && d.kind.startsWith('checklist.')).map((d) => [d.kind, d.event]).sort()

  it('the daily run reminds once per reminder however often it runs, through every page', async () => {
    setChinaTime(app, '2026-11-27', '07:00')
    const item = await ok<ChecklistItem>(app.call(DEMO.secretary, 'checklist.create', { villageId: 'tiegou', star: 3, text: '村内主干道路灯维修 20 盏', ownerId: DEMO.cadre, dueMonth: '2026-11' }))
    const later = await ok<ChecklistItem>(app.call(DEMO.secretary, 'checklist.create', { villageId: 'tiegou', star: 3, text: '村务公开栏更新', ownerId: DEMO.cadre, dueMonth: '2026-12' }))
    const [first] = await runDueReminders(app.deps, { sources: [checklistReminders] })
    const [second] = await runDueReminders(app.deps, { sources: [checklistReminders] })
    expect(first.error).toBeNull()
    expect(first.written).toBeGreaterThan(0)
    // The second run finds nobody owed a reminder: it reads one empty page and writes nothing.
    expect(second).toMatchObject({ items: 0, written: 0, error: null })
    expect(mine()).toEqual([['checklist.due', `reminder:checklist:${item.id}:due:2026-11`]])

    // December: the first is overdue (once), the second due (once); a closed item is reminded no more.
    setChinaTime(app, '2026-12-01', '07:00')
    await runDueReminders(app.deps, { sources: [checklistReminders] })
    await runDueReminders(app.deps, { sources: [checklistReminders] })
    expect(mine()).toEqual([
      ['checklist.due', `reminder:checklist:${item.id}:due:2026-11`],
      ['checklist.due', `reminder:checklist:${later.id}:due:2026-12`],
      ['checklist.overdue', `reminder:checklist:${item.id}:overdue`],
    ])
    // Every inbox entry the runs wrote goes to an item's owner, none twice.
    const events = all().filter((d) => d.kind.startsWith('checklist.')).map((d) => `${d.openid} ${d.event}`)
    expect(new Set(events).size).toBe(events.length)
  })

  it('pages through more than one page in key order', async () => {
    setChinaTime(app, '2026-11-27', '07:00')
    // Whatever was owed before is reminded (and settled) first.
    await runDueReminders(app.deps, { sources: [checklistReminders] })
    for (let i = 0; i < 101; i++) {
      await ok(app.call(DEMO.secretary, 'checklist.create', { villageId: 'tiegou', star: 3, text: `事项 ${i} 路灯维修`, ownerId: DEMO.cadre, dueMonth: '2026-11' }))
    }
    const scan = jest.spyOn(checklistReminders, 'scan')
    const [report] = await runDueReminders(app.deps, { sources: [checklistReminders] })
    expect(report).toMatchObject({ items: 101, error: null })
    expect(scan.mock.calls.length).toBeGreaterThanOrEqual(2)
    expect(mine()).toHaveLength(101)
  })

  it('moving an item to a later month makes it owed that month’s due reminder again', async () => {
    setChinaTime(app, '2026-11-27', '07:00')
    const item = await ok<ChecklistItem>(app.call(DEMO.secretary, 'checklist.create', { villageId: 'tiegou', star: 3, text: '村史馆布展', ownerId: DEMO.cadre, dueMonth: '2026-11' }))
    await runDueReminders(app.deps, { sources: [checklistReminders] })
    await ok(app.call(DEMO.cadre, 'checklist.update', { itemId: item.id, dueMonth: '2026-12' }))
    setChinaTime(app, '2026-12-02', '07:00')
    await runDueReminders(app.deps, { sources: [checklistReminders] })
    const events = all().filter((d) => d.event.includes(item.id)).map((d) => d.event).sort()
    expect(events).toEqual([`reminder:checklist:${item.id}:due:2026-11`, `reminder:checklist:${item.id}:due:2026-12`])
  })

  it('runs from the daily publish (local scheduler and cloud publishDaily share it)', async () => {
    const { runDailyPublish } = await import('../../../backend/publish/daily')
    setChinaTime(app, '2026-11-27', '07:00')
    const item = await ok<ChecklistItem>(app.call(DEMO.secretary, 'checklist.create', { villageId: 'tiegou', star: 3, text: '村内主干道路灯维修 20 盏', ownerId: DEMO.cadre, dueMonth: '2026-11' }))
    const report = await runDailyPublish(app.deps)
    expect(report.dueReminders).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'checklist', error: null })]))
    expect(mine()).toEqual([['checklist.due', `reminder:checklist:${item.id}:due:2026-11`]])
  })
})
