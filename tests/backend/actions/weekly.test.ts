import ExcelJS from 'exceljs'
import fs from 'node:fs'
import path from 'node:path'
import type { WeeklyReport } from '../../../types/weekly'
import type { Contact } from '../../../types/contact'
import type { LedgerEntry } from '../../../types/ledger'
import type { Star } from '../../../types/roles'
import { handleApiCall } from '../../../backend/router'
import { countingStore } from '../../../bench/counting-store'
import { personRef } from '../../../backend/secrets'
import { syncRoleDirectory } from '../../../backend/notify/recipients'
import { DEMO, TEST_PEPPER, makeTestApp, type TestApp } from '../../support/app-harness'
import { makeLedgerInput } from '../../support/records-factories'
import { ok, refused } from '../../support/factories'

// 2026-11-27 (a Friday) 10:00 China time, the harness's clock: week 2026-W48, 23–29 November.
const TASKFORCE_4 = 'demo-taskforce-4'
const WEEK = '2026-W48'

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
})
afterEach(() => app.close())

const report = (star: Star, week = WEEK, who = TASKFORCE_4) => ok<WeeklyReport>(app.call(who, 'report.weekly', { star, week }))
const row = (r: WeeklyReport, villageId: string) => r.rows.find((x) => x.villageId === villageId)!

describe('report.weekly: the 专班 week written from the records', () => {
  it('counts the week\'s submissions and reviews of its star per village, with last week beside it', async () => {
    const before = await report(4)
    const otherStar = await report(3, WEEK, 'demo-taskforce-3')
    expect(before).toMatchObject({ star: 4, week: WEEK, monday: '2026-11-23', sunday: '2026-11-29', previousWeek: '2026-W47', status: 'open' })
    expect(before.rows).toHaveLength(24)
    const entry = await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.create', makeLedgerInput()))
    expect(entry.star).toBe(4)
    let after = await report(4)
    expect(row(after, 'tiegou').current.submitted).toBe(row(before, 'tiegou').current.submitted + 1)
    expect(after.totals.current.submitted).toBe(before.totals.current.submitted + 1)
    // Another star's 专班 does not see it.
    expect(row(await report(3, WEEK, 'demo-taskforce-3'), 'tiegou').current).toEqual(row(otherStar, 'tiegou').current)
    await ok(app.call(TASKFORCE_4, 'ledger.review', { entryId: entry.id, decision: 'return', comment: '照片不清晰' }))
    after = await report(4)
    expect(row(after, 'tiegou').current.returned).toBe(row(before, 'tiegou').current.returned + 1)
    // Last week's column is last week's report.
    const last = await report(4, '2026-W47')
    expect(after.rows.map((r) => [r.villageId, r.previous])).toEqual(expect.arrayContaining(last.rows.map((r) => [r.villageId, r.current])))
  })

  it('matches the seeded records of a past week (submitted by creation time, verified by review time)', async () => {
    const entries = (await app.store.find<any>('ledger', { where: { villageId: 'fangdong' }, limit: 1000 })).filter((e) => e.star === 1)
    const inWeek = (at: string | null) => !!at && at >= '2026-11-15T16:00:00.000Z' && at < '2026-11-22T16:00:00.000Z' // W47 in China
    const expected = {
      submitted: entries.filter((e) => inWeek(e.createdAt)).length,
      verified: entries.filter((e) => e.status === 'verified' && inWeek(e.reviewedAt)).length,
    }
    expect(expected.submitted).toBeGreaterThan(0)
    const r = await report(1, '2026-W47', 'demo-taskforce-1')
    expect(row(r, 'fangdong').current).toMatchObject(expected)
  })

  it('counts checklist items accepted this week and, in the week a month starts, those that fell overdue', async () => {
    const r = await report(3, WEEK, 'demo-taskforce-3')
    // The seed's accepted 方北村 items of 生态宜居星 were accepted "now".
    const seeded = (await app.store.find<any>('checklist', { where: { villageId: 'fangbei' }, limit: 1000 })).filter((i) => i.star === 3 && i.status === 'done')
    expect(seeded.length).toBeGreaterThan(0)
    expect(row(r, 'fangbei').current.checklistClosed).toBe(seeded.length)
    app.setNow('2026-12-02T02:00:00.000Z')
    const next = await report(3, '2026-W49', 'demo-taskforce-3')
    const open = (await app.store.find<any>('checklist', { where: { villageId: 'fangbei' }, limit: 1000 })).filter((i) => i.star === 3 && i.status !== 'done' && i.dueMonth === '2026-11')
    expect(open.length).toBeGreaterThan(0)
    expect(row(next, 'fangbei').current.checklistOverdue).toBe(open.length)
  })

  it('reads a fixed number of documents whatever the size of the ledger', async () => {
    const counting = countingStore(app.store)
    const deps = { ...app.deps, store: counting }
    const readsFor = async () => {
      counting.reset()
      const r = await handleApiCall({ action: 'report.weekly', data: { star: 4, week: WEEK } }, TASKFORCE_4, deps)
      expect(r.ok).toBe(true)
      return counting.counts().reads
    }
    const small = await readsFor()
    for (let i = 0; i < 120; i++) await ok(app.call(DEMO.cadre, 'ledger.create', makeLedgerInput({ date: `2026-11-${String(1 + (i % 26)).padStart(2, '0')}` })))
    expect(await readsFor()).toBe(small)
    expect(small).toBeLessThanOrEqual(8) // caller, stored report, villages, tallies, compliance, checklist tallies, catalogue
  })

  it('refuses another star\'s 专班, villagers and cadres, and weeks not yet begun or that do not exist', async () => {
    expect((await refused(app.call('demo-taskforce-3', 'report.weekly', { star: 4, week: WEEK }))).code).toBe('FORBIDDEN')
    expect((await refused(app.call(DEMO.cadre, 'report.weekly', { star: 4 }))).code).toBe('FORBIDDEN')
    expect((await refused(app.call(null, 'report.weekly', { star: 4 }))).code).toBe('UNAUTHENTICATED')
    expect((await ok<WeeklyReport>(app.call(DEMO.leader, 'report.weekly', { star: 4 }))).week).toBe(WEEK)
    expect((await refused(app.call(TASKFORCE_4, 'report.weekly', { star: 4, week: '2026-W50' }))).code).toBe('INVALID_INPUT')
    expect((await refused(app.call(TASKFORCE_4, 'report.weekly', { star: 4, week: '2025-W53' }))).code).toBe('INVALID_INPUT')
    expect((await refused(app.call(TASKFORCE_4, 'report.weekly', { star: 4, week: '2026-48' }))).code).toBe('INVALID_INPUT')
  })
})

describe('report.close: 问题 and 下周安排, then the week is frozen', () => {
  it('stores the report as it stood; later records do not change it; closes once', async () => {
    const close = { star: 4 as const, week: WEEK, issues: '刘岗村防电诈宣传未开展', nextSteps: '下周三前督导刘岗村补齐', requestId: 'close-w48-0001' }
    expect((await refused(app.call(DEMO.leader, 'report.close', close))).code).toBe('FORBIDDEN')
    const closed = await ok<WeeklyReport>(app.call(TASKFORCE_4, 'report.close', close))
    expect(closed).toMatchObject({ status: 'closed', issues: close.issues, nextSteps: close.nextSteps, closedByName: '刘洋' })
    await ok(app.call(DEMO.cadre, 'ledger.create', makeLedgerInput()))
    const read = await report(4)
    expect(read).toEqual(closed)
    // A retry of the same close answers the first result; another close is refused.
    expect(await ok(app.call(TASKFORCE_4, 'report.close', close))).toEqual(closed)
    expect((await refused(app.call(TASKFORCE_4, 'report.close', { ...close, requestId: 'close-w48-0002' }))).code).toBe('CONFLICT')
    // The audit log names who closed it.
    expect(await app.store.count('audit', { entityId: `fanggang_4_${WEEK}` })).toBe(1)
  })

  it('refuses empty issues (INVALID_INPUT naming the field) and writes nothing', async () => {
    const error = await refused(app.call(TASKFORCE_4, 'report.close', { star: 4, week: WEEK, issues: '', nextSteps: '下周安排' }))
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toContain('存在问题')
    expect(await app.store.count('weeklyReports', {})).toBe(0)
  })
})

describe('export.weekly', () => {
  it('writes the week as .xlsx with this week and last week per village', async () => {
    const result = await ok(app.call(TASKFORCE_4, 'export.weekly', { star: 4, week: WEEK }))
    expect(result.fileName).toContain('平安法治星专班周报 2026-W48')
    expect(result.rows).toBe(24)
    const file = path.join(app.filesDir, 'exports', result.url.replace('/exports/', ''))
    expect(fs.existsSync(file)).toBe(true)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(file)
    const sheet = book.getWorksheet('专题会周报')!
    expect(sheet.getRow(2).getCell(2).value).toBe('本周台账提交')
    expect(sheet.getRow(2).getCell(9).value).toBe('上周台账提交')
  })
})

describe('联系村 (contact.set, contact.list)', () => {
  it('the seed names a contact leader for every village, and 方北村\'s 第一书记 王钰柯 of 禹州市财政局', async () => {
    const list = await ok<{ items: Contact[] }>(app.call(null, 'contact.list', { year: 2026 }))
    expect(list.items).toHaveLength(24)
    expect(list.items.find((c) => c.villageId === 'fangbei')).toMatchObject({ leaderName: '陈卫东', unit: '禹州市财政局', firstSecretaryName: '王钰柯', firstSecretaryUnit: '禹州市财政局', mine: false })
    expect(JSON.stringify(list)).not.toContain('demo-leader')
    // 陈卫东, the seed's leader, answers for them all.
    const mine = await ok<{ items: Contact[] }>(app.call(DEMO.leader, 'contact.list', { year: 2026 }))
    expect(mine.items.every((c) => c.mine)).toBe(true)
  })

  it('a leader records the contact leader, unit and first secretary by their handles; the rules of who may be named hold', async () => {
    const second = { _id: 'leader-li', name: '李国平', townshipId: 'fanggang', villageId: null, grants: [{ role: 'leader' as const }], createdAt: '2026-11-01T00:00:00.000Z' }
    await app.store.insert('people', second)
    await syncRoleDirectory(app.store, second)
    const leaderRef = personRef(TEST_PEPPER, 'leader-li')
    const cadreRef = personRef(TEST_PEPPER, DEMO.cadre)
    const set = { villageId: 'tiegou', year: 2026, leaderRef, unit: '禹州市民政局', firstSecretaryRef: cadreRef, firstSecretaryUnit: '禹州市民政局' }
    const saved = await ok<Contact>(app.call(DEMO.leader, 'contact.set', set))
    expect(saved).toMatchObject({ villageName: '帖沟村', leaderName: '李国平', firstSecretaryName: '张建国', version: 2, mine: false })
    expect((await ok<{ items: Contact[] }>(app.call('leader-li', 'contact.list', { year: 2026 }))).items[0]).toMatchObject({ villageId: 'tiegou', mine: true })
    // The contact leader must be a leader; the first secretary a cadre of that village; a stale version is refused.
    expect((await refused(app.call(DEMO.leader, 'contact.set', { ...set, leaderRef: cadreRef }))).message).toContain('镇领导')
    expect((await refused(app.call(DEMO.leader, 'contact.set', { ...set, villageId: 'liugang' }))).message).toContain('本村的村干部')
    expect((await refused(app.call(DEMO.leader, 'contact.set', { ...set, expectedVersion: 1 }))).code).toBe('CONFLICT')
    expect((await refused(app.call(DEMO.leader, 'contact.set', { ...set, leaderRef: 'not-a-ref' }))).code).toBe('INVALID_INPUT')
    expect((await refused(app.call(DEMO.secretary, 'contact.set', set))).code).toBe('FORBIDDEN')
    expect((await refused(app.call(DEMO.leader, 'contact.set', { ...set, firstSecretaryUnit: null }))).code).toBe('INVALID_INPUT')
  })
})

describe('联系领导 at 主题党日 / 组织生活会 (ledger field, attendance per leader per quarter)', () => {
  const partyDay = { villageId: 'tiegou', star: 1 as const, activityType: '主题党日', date: '2026-11-20', participants: { count: 30, names: [] }, summary: '组织党员重温入党誓词，清扫村内道路。', photos: [], leaderAttended: true }
  const leaderRow = async (who: string = DEMO.leader) => (await ok<{ items: any[] }>(app.call(who, 'contact.attendance', { year: 2026 }))).items.find((l) => l.leaderName === '陈卫东')

  it('records the village\'s contact leader of the year and counts them in the quarter, following edits', async () => {
    expect((await leaderRow()).quarters).toEqual([0, 0, 0, 0])
    const entry = await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.create', partyDay))
    expect(entry.attendedLeaderName).toBe('陈卫东')
    expect(entry.attendedLeaderId).not.toBe('demo-leader') // a cadre does not see the leader's OPENID
    const row = await leaderRow('demo-taskforce-1')
    expect(row).toMatchObject({ quarters: [0, 0, 0, 1], mine: false })
    expect(row.villages).toHaveLength(24)
    expect((await leaderRow()).mine).toBe(true)
    // Returned and fixed without the leader: the count follows.
    await ok(app.call('demo-taskforce-1', 'ledger.review', { entryId: entry.id, decision: 'return', comment: '请补充照片' }))
    const { villageId: _v, ...fields } = partyDay
    await ok(app.call(DEMO.cadre, 'ledger.update', { ...fields, leaderAttended: false, entryId: entry.id }))
    expect((await leaderRow()).quarters).toEqual([0, 0, 0, 0])
  })

  it('only 主题党日 and 组织生活会 record a leader; nothing is written otherwise', async () => {
    const before = await app.store.count('ledger', {})
    const error = await refused(app.call(DEMO.cadre, 'ledger.create', { ...partyDay, activityType: '三会一课' }))
    expect(error).toMatchObject({ code: 'INVALID_INPUT' })
    expect(error.message).toContain('主题党日')
    expect(await app.store.count('ledger', {})).toBe(before)
    expect((await refused(app.call(DEMO.cadre, 'contact.attendance', { year: 2026 }))).code).toBe('FORBIDDEN')
  })
})
