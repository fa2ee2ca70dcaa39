import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { LedgerEntry } from '../../../types/ledger'
import type { ChecklistItem } from '../../../types/checklist'
import { handleApiCall } from '../../../backend/router'
import { LEDGER_HEADER, CHECKLIST_HEADER } from '../../../backend/xlsx'
import { countingStore } from '../../../bench/counting-store'
import { DEMO, makeTestApp, type TestApp } from '../../support/app-harness'
import { localPhoto, makeImportSheet, makeLedgerInput } from '../../support/records-factories'
import { ok, refused } from '../../support/factories'

// 2026-11-27 10:00 China time (the harness's default clock).
const TASKFORCE_4 = 'demo-taskforce-4'

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
})
afterEach(() => app.close())

const fraudItem = async (villageId = 'tiegou', month = '2026-11') =>
  (await ok(app.call(DEMO.cadre, 'compliance.get', { villageId, month }))).items.find((i: { criterionId: string }) => i.criterionId === 's4-fangdianzha')

describe('a ledger entry from record to verified (台账 → 节点)', () => {
  it('submitted → returned → resubmitted → verified, with compliance following in the same write', async () => {
    expect((await fraudItem()).status).toBe('missing')
    const entry = await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.create', makeLedgerInput()))
    expect(entry).toMatchObject({ status: 'submitted', criterionId: 's4-fangdianzha', month: '2026-11', createdByName: '张建国' })
    expect((await fraudItem()).status).toBe('pending')

    // Only the 平安法治星 task force reviews it; the 生态宜居星 one may not.
    expect((await refused(app.call(DEMO.taskforce, 'ledger.review', { entryId: entry.id, decision: 'verify' }))).code).toBe('FORBIDDEN')
    const returned = await ok<LedgerEntry>(app.call(TASKFORCE_4, 'ledger.review', { entryId: entry.id, decision: 'return', comment: '照片不清晰，请补充现场照片' }))
    expect(returned).toMatchObject({ status: 'returned', reviewComment: '照片不清晰，请补充现场照片', reviewedBy: TASKFORCE_4 })
    expect((await fraudItem()).status).toBe('pending')

    const { villageId: _v, ...fields } = makeLedgerInput({ photos: [localPhoto(1), localPhoto(2)] })
    const fixed = await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.update', { ...fields, entryId: entry.id }))
    expect(fixed).toMatchObject({ status: 'resubmitted', photos: [localPhoto(1), localPhoto(2)] })

    const verified = await ok<LedgerEntry>(app.call(TASKFORCE_4, 'ledger.review', { entryId: entry.id, decision: 'verify' }))
    expect(verified.status).toBe('verified')
    expect((await fraudItem()).status).toBe('done')

    // Immutable once verified; a correction is a new entry naming it.
    const again: any = await app.call(DEMO.cadre, 'ledger.update', { ...fields, entryId: entry.id })
    expect(again.error.code).toBe('CONFLICT')
    const correction = await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.create', makeLedgerInput({ correctsId: entry.id, summary: '更正：参加人数应为 52 人。' })))
    expect(correction.correctsId).toBe(entry.id)

    const audit = await app.store.find<{ _id: string; action: string }>('audit', { where: { entityId: entry.id }, orderBy: [['at', 'asc']], limit: 10 })
    expect(audit.map((a) => a.action)).toEqual(['ledger.create', 'ledger.return', 'ledger.update', 'ledger.verify'])
  })

  it('moving an entry to another month moves its weight out of the old month', async () => {
    const entry = await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.create', makeLedgerInput({ date: '2026-11-02' })))
    const { villageId: _v, ...fields } = makeLedgerInput({ date: '2026-10-30' })
    await ok(app.call(DEMO.cadre, 'ledger.update', { ...fields, entryId: entry.id }))
    expect((await fraudItem('tiegou', '2026-11')).status).toBe('missing')
    expect(['pending', 'done']).toContain((await fraudItem('tiegou', '2026-10')).status)
  })

  it('a retried create (same request id) lands once', async () => {
    const input = makeLedgerInput({ requestId: 'form-2026-11-27-a' })
    const [a, b] = [await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.create', input)), await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.create', input))]
    expect(b.id).toBe(a.id)
    expect((await fraudItem()).detail).toContain('待核实 1 次')
  })

  it.each<[string, Parameters<typeof makeLedgerInput>[0], string]>([
    ['a future date', { date: '2026-11-28' }, '不能晚于今天'],
    ['a type outside the catalogue', { activityType: '打麻将' }, '不在创建标准中'],
    ['其他 without a name', { activityType: '其他' }, '填写活动名称'],
    ['a criterion of another star', { star: 3 }, '不属于该星级'],
    ['a figure entry without its value', { star: 2, activityType: '集体经济收入' }, '数值'],
    ['a photo from the cloud while local', { photos: ['cloud://prod-env.7072/ledger/demo-cadre-tiegou/a.jpg'] }, '照片'],
    ['a year without a catalogue', { date: '2025-11-27' }, '创建标准尚未建立'],
  ])('refuses %s and writes nothing', async (_label, overrides, message) => {
    const before = app.store.dump()
    const r: any = await app.call(DEMO.cadre, 'ledger.create', makeLedgerInput(overrides))
    expect(r.ok).toBe(false)
    expect(r.error.code).toBe('INVALID_INPUT')
    expect(r.error.message).toContain(message)
    expect(app.store.dump()).toEqual(before)
  })

  it('a task force reads any village; a cadre only their own', async () => {
    expect((await app.call(TASKFORCE_4, 'ledger.list', { villageId: 'fangdong', limit: 5 })).ok).toBe(true)
    expect((await refused(app.call(DEMO.cadre, 'ledger.list', { villageId: 'fangdong', limit: 5 }))).code).toBe('FORBIDDEN')
    expect((await refused(app.call(DEMO.cadre, 'ledger.list', { limit: 5 }))).code).toBe('FORBIDDEN')
    const queue = await ok(app.call(TASKFORCE_4, 'ledger.list', { star: 4, status: 'submitted', limit: 50 }))
    expect(queue.items.length).toBeGreaterThan(0)
    expect(queue.items.every((e: LedgerEntry) => e.star === 4 && e.status === 'submitted')).toBe(true)
  })

  it('pages a village ledger newest first with no entry twice', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await ok(app.call(DEMO.cadre, 'ledger.list', { villageId: 'tiegou', limit: 50, cursor }))
      seen.push(...page.items.map((e: LedgerEntry) => e.sortKey))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toEqual([...seen].sort().reverse())
    expect(seen.length).toBe(await app.store.count('ledger', { villageId: 'tiegou' }))
  })
})

describe('compliance.get cost', () => {
  it('reads the same (≤ 2) whether the village holds a few entries or hundreds more', async () => {
    const counting = countingStore(app.store)
    const deps = { ...app.deps, store: counting }
    const readsFor = async () => {
      counting.reset()
      const r = await handleApiCall({ action: 'compliance.get', data: { villageId: 'tiegou', month: '2026-11' } }, DEMO.cadre, deps)
      expect(r.ok).toBe(true)
      return counting.counts().reads - 1 // the router's read of the caller
    }
    const small = await readsFor()
    for (let i = 0; i < 300; i++) await ok(app.call(DEMO.cadre, 'ledger.create', makeLedgerInput({ date: `2026-11-${String(1 + (i % 27)).padStart(2, '0')}` })))
    expect(await readsFor()).toBe(small)
    expect(small).toBeLessThanOrEqual(2)
  })
})

describe('catalogue and targets', () => {
  it('anyone reads the seeded catalogue; an edit applies from this month and October keeps its rule', async () => {
    const catalogue = await ok(app.call(null, 'catalogue.get', { year: 2026 }))
    expect(catalogue.revisions[0].criteria.length).toBeGreaterThan(20)
    const criteria = catalogue.revisions[0].criteria.map((c: any) => (c.id === 's4-fangdianzha' ? { ...c, rule: { kind: 'weekly', activityType: '防电诈教育', perWeek: 1 } } : c))
    expect((await refused(app.call(DEMO.leader, 'catalogue.update', { year: 2026, criteria }))).code).toBe('FORBIDDEN')
    const updated = await ok(app.call(DEMO.admin, 'catalogue.update', { year: 2026, criteria, focus: [{ month: '2026-11', text: '平安法治：防电诈宣传进村入户' }] }))
    expect(updated.revisions.map((r: any) => r.effectiveFrom)).toEqual(['2026-01', '2026-11'])
    expect((await fraudItem('tiegou', '2026-10')).ruleKind).toBe('monthly')
    const november = await ok(app.call(DEMO.cadre, 'compliance.get', { villageId: 'tiegou', month: '2026-11' }))
    expect(november.focus).toBe('平安法治：防电诈宣传进村入户')
    expect(november.items.find((i: any) => i.criterionId === 's4-fangdianzha').ruleKind).toBe('weekly')
  })

  it('copies a year once; targets are set by leaders and listed for all 24 villages', async () => {
    const copy = await ok(app.call(DEMO.admin, 'catalogue.copyYear', { from: 2026, to: 2027 }))
    expect(copy.revisions).toHaveLength(1)
    expect((await refused(app.call(DEMO.admin, 'catalogue.copyYear', { from: 2026, to: 2027 }))).code).toBe('CONFLICT')
    expect((await ok(app.call(null, 'target.list', { year: 2026 }))).items).toHaveLength(24)
    const set = await ok(app.call(DEMO.leader, 'target.set', { villageId: 'tiegou', year: 2026, stars: [5, 1, 3, 4] }))
    expect(set).toMatchObject({ level: 4, stars: [1, 3, 4, 5] })
  })
})

describe('improvement checklist (提升清单)', () => {
  const item = (overrides: Record<string, unknown> = {}) => ({ villageId: 'tiegou', text: '村务公开栏更新', ownerId: DEMO.cadre, dueMonth: '2026-11', ...overrides })

  it('a star item: close with evidence → awaiting → its task force rejects (reopens) → accepts (done)', async () => {
    const created = await ok<ChecklistItem>(app.call(DEMO.secretary, 'checklist.create', item({ star: 4, text: '暑期防溺水警示牌更新' })))
    expect((await refused(app.call(DEMO.cadre, 'checklist.close', { itemId: created.id, note: '已完成' }))).code).toBe('INVALID_INPUT')
    const closed = await ok<ChecklistItem>(app.call(DEMO.cadre, 'checklist.close', { itemId: created.id, photos: [localPhoto(5)], note: '警示牌已全部更换' }))
    expect(closed.status).toBe('awaiting')
    expect((await refused(app.call(DEMO.secretary, 'checklist.review', { itemId: created.id, decision: 'accept' }))).code).toBe('FORBIDDEN')
    const rejected = await ok<ChecklistItem>(app.call(TASKFORCE_4, 'checklist.review', { itemId: created.id, decision: 'reject', comment: '缺少 3 组的警示牌照片' }))
    expect(rejected).toMatchObject({ status: 'open', reviewComment: '缺少 3 组的警示牌照片' })
    await ok(app.call(DEMO.cadre, 'checklist.close', { itemId: created.id, photos: [localPhoto(6)], note: '已补齐' }))
    expect((await ok<ChecklistItem>(app.call(TASKFORCE_4, 'checklist.review', { itemId: created.id, decision: 'accept' }))).status).toBe('done')
    expect((await refused(app.call(DEMO.cadre, 'checklist.update', { itemId: created.id, text: '改内容' }))).code).toBe('CONFLICT')
  })

  it('a village-wide item is accepted by the village secretary, closed with a ledger entry', async () => {
    const created = await ok<ChecklistItem>(app.call(DEMO.cadre, 'checklist.create', item()))
    const entry = await ok<LedgerEntry>(app.call(DEMO.cadre, 'ledger.create', makeLedgerInput()))
    await ok(app.call(DEMO.cadre, 'checklist.close', { itemId: created.id, ledgerEntryId: entry.id }))
    expect((await refused(app.call(TASKFORCE_4, 'checklist.review', { itemId: created.id, decision: 'accept' }))).code).toBe('FORBIDDEN')
    expect((await ok<ChecklistItem>(app.call(DEMO.secretary, 'checklist.review', { itemId: created.id, decision: 'accept' }))).status).toBe('done')
  })

  it('owners must be the village\'s cadres; a revoked owner shows as unowned until reassigned', async () => {
    expect((await refused(app.call(DEMO.cadre, 'checklist.create', item({ ownerId: DEMO.villager })))).code).toBe('INVALID_INPUT')
    const created = await ok<ChecklistItem>(app.call(DEMO.cadre, 'checklist.create', item()))
    await app.store.patch('people', DEMO.cadre, { grants: [] })
    const rows = (await ok(app.call(DEMO.secretary, 'checklist.list', { villageId: 'tiegou', limit: 50 }))).items
    expect(rows.find((r: any) => r.id === created.id).unowned).toBe(true)
    await ok(app.call(DEMO.secretary, 'checklist.update', { itemId: created.id, ownerId: DEMO.secretary }))
    const after = (await ok(app.call(DEMO.secretary, 'checklist.list', { villageId: 'tiegou', limit: 50 }))).items
    expect(after.find((r: any) => r.id === created.id)).toMatchObject({ unowned: false, ownerName: '王志刚' })
  })

  it('the secretary assigns a cadre by the handle role.list gives (never an OPENID), and the list shows others by pseudonym', async () => {
    const holders = (await ok(app.call(DEMO.secretary, 'role.list', { villageId: 'tiegou' }))).items
    const cadre = holders.find((h: any) => h.name === '张建国')
    expect(cadre.personId).toBeNull()
    const created = await ok<ChecklistItem>(app.call(DEMO.secretary, 'checklist.create', item({ ownerId: undefined, ownerRef: cadre.ref })))
    expect(created).toMatchObject({ ownerId: DEMO.cadre, ownerName: '张建国' })
    // Neither or both: refused, nothing written.
    expect((await refused(app.call(DEMO.secretary, 'checklist.create', item({ ownerId: undefined })))).code).toBe('INVALID_INPUT')
    expect((await refused(app.call(DEMO.secretary, 'checklist.create', item({ ownerRef: cadre.ref })))).code).toBe('INVALID_INPUT')
    expect((await refused(app.call(DEMO.secretary, 'checklist.create', item({ ownerId: undefined, ownerRef: 'not-a-ref' })))).code).toBe('INVALID_INPUT')
    const row = (await ok(app.call(DEMO.secretary, 'checklist.list', { villageId: 'tiegou', limit: 50 }))).items.find((r: any) => r.id === created.id)
    expect(row.ownerId).toMatch(/^u_[0-9a-f]{16}$/)
    expect(row.createdBy).toBe(DEMO.secretary)
    // The row's ref assigns the same person again.
    const again = await ok<ChecklistItem>(app.call(DEMO.secretary, 'checklist.create', item({ ownerId: undefined, ownerRef: row.ownerRef, text: '第二件事项' })))
    expect(again.ownerId).toBe(DEMO.cadre)
    expect((await ok(app.call(DEMO.admin, 'checklist.list', { villageId: 'tiegou', limit: 50 }))).items.find((r: any) => r.id === created.id).ownerId).toBe(DEMO.cadre)
  })

  it('方北村\'s seeded list filters by status (overdue computed in China time), star and "my items due this month"', async () => {
    const list = (data: Record<string, unknown>) => ok(app.call(DEMO.leader, 'checklist.list', { villageId: 'fangbei', limit: 50, ...data }))
    const all = (await list({})).items
    expect(all.length).toBeGreaterThanOrEqual(40)
    const overdue = (await list({ status: 'overdue' })).items
    expect(overdue.length).toBeGreaterThan(0)
    expect(overdue.every((r: any) => r.overdue && r.dueMonth < '2026-11' && r.status !== 'done')).toBe(true)
    expect((await list({ star: 4 })).items.every((r: any) => r.star === 4)).toBe(true)
    const mine = await ok(app.call('seed-fangbei-wangyuke', 'checklist.list', { villageId: 'fangbei', mine: true, limit: 50 }))
    expect(mine.items.length).toBeGreaterThan(0)
    expect(mine.items.every((r: any) => r.ownerId === 'seed-fangbei-wangyuke' && r.dueMonth === '2026-11')).toBe(true)
    expect((await refused(app.call(DEMO.leader, 'checklist.list', { villageId: 'fangbei', star: 4, status: 'open' }))).code).toBe('INVALID_INPUT')
  })
})

describe('checklist import (.xlsx)', () => {
  it('imports the rows, owners matched by name', async () => {
    const fileBase64 = await makeImportSheet([['平安法治星', '每月开展防电诈教育', '张建国', '2026-12'], ['', '村务公开栏更新', '王志刚', '2027-01'], ['4', '消防器材检查', '张建国', '2026-12']])
    expect(await ok(app.call(DEMO.secretary, 'checklist.import', { villageId: 'tiegou', fileBase64 }))).toEqual({ created: 3 })
    const rows = (await ok(app.call(DEMO.secretary, 'checklist.list', { villageId: 'tiegou', limit: 50 }))).items
    expect(rows.map((r: any) => [r.star, r.text, r.ownerName, r.dueMonth])).toEqual([
      [4, '每月开展防电诈教育', '张建国', '2026-12'], [4, '消防器材检查', '张建国', '2026-12'], [null, '村务公开栏更新', '王志刚', '2027-01'],
    ])
  })

  it('a bad row or an unknown owner is reported with its row number, and nothing of the file is written', async () => {
    const fileBase64 = await makeImportSheet([
      ['平安法治星', '每月开展防电诈教育', '张建国', '2026-12'],
      ['平安星星', '村务公开栏更新', '王志刚', '2027-01'],
      ['', '路灯维修', '李四', '2026-12'],
      ['', '坑塘整治', '张建国', '2026年12月'],
      ['', '好', '张建国', '2026-12'],
    ])
    const before = app.store.dump()
    const r: any = await app.call(DEMO.secretary, 'checklist.import', { villageId: 'tiegou', fileBase64 })
    expect(r.error.code).toBe('INVALID_INPUT')
    expect(r.error.issues.map((i: any) => i.path)).toEqual(['第3行', '第4行', '第5行', '第6行'])
    expect(r.error.message).toContain('李四')
    expect(app.store.dump()).toEqual(before)
  })

  it('refuses a file that is not .xlsx', async () => {
    const r: any = await app.call(DEMO.secretary, 'checklist.import', { villageId: 'tiegou', fileBase64: Buffer.from('not a spreadsheet').toString('base64') })
    expect(r.error).toMatchObject({ code: 'INVALID_INPUT' })
  })
})

async function readSheet(url: string) {
  const file = path.join(app.filesDir, 'exports', url.replace('/exports/', ''))
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file)
  const sheet = book.worksheets[0]
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

describe('exports read back', () => {
  it('a village ledger for a period: one row per entry, as stored', async () => {
    const out = await ok(app.call(DEMO.cadre, 'export.ledger', { villageId: 'tiegou', from: '2026-10', to: '2026-11' }))
    expect(out.url).toMatch(/^\/exports\/[a-f0-9]{24}\.xlsx$/)
    const rows = await readSheet(out.url)
    expect(rows[0][0]).toContain('帖沟村')
    expect(rows[1]).toEqual([...LEDGER_HEADER])
    const stored = [
      ...(await app.store.find<any>('ledger', { where: { villageId: 'tiegou', month: '2026-10' }, orderBy: [['sortKey', 'asc']], limit: 500 })),
      ...(await app.store.find<any>('ledger', { where: { villageId: 'tiegou', month: '2026-11' }, orderBy: [['sortKey', 'asc']], limit: 500 })),
    ].sort((a, b) => a.date.localeCompare(b.date) || a.sortKey.localeCompare(b.sortKey))
    expect(out.rows).toBe(stored.length)
    expect(rows.slice(2).map((r) => [r[0], r[1], r[3], r[4], r[5], r[7]])).toEqual(
      stored.map((e, i) => [i + 1, '帖沟村', e.activityType, e.date, e.participants.count, e.summary]),
    )
  })

  it('the township ledger (no village) for leaders only', async () => {
    expect((await refused(app.call(DEMO.cadre, 'export.ledger', { from: '2026-11', to: '2026-11' }))).code).toBe('FORBIDDEN')
    const out = await ok(app.call(DEMO.leader, 'export.ledger', { from: '2026-11', to: '2026-11' }))
    expect(out.rows).toBe(await app.store.count('ledger', { townshipId: 'fanggang', month: '2026-11' }))
    expect((await readSheet(out.url)).length).toBe(out.rows + 2)
  })

  it('a checklist, and the import template', async () => {
    const out = await ok(app.call(DEMO.leader, 'export.checklist', { villageId: 'fangbei' }))
    const rows = await readSheet(out.url)
    expect(rows[1]).toEqual([...CHECKLIST_HEADER])
    const stored = await app.store.find<any>('checklist', { where: { villageId: 'fangbei' }, orderBy: [['sortKey', 'asc']], limit: 500 })
    expect(rows.slice(2).map((r) => [r[2], r[3], r[4]])).toEqual(stored.map((s) => [s.text, s.ownerName, s.dueMonth]))
    const template = await ok(app.call(DEMO.secretary, 'export.checklist', { villageId: 'tiegou', template: true }))
    expect((await readSheet(template.url))[0][1]).toBe('清单内容')
    expect(fs.existsSync(path.join(app.filesDir, 'exports'))).toBe(true)
  })
})
