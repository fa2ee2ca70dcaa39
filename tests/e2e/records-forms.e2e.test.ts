/**
 * End to end in headless Chromium against the H5 build and the real local server, the screens that
 * complete the records and the star application:
 * - 提升清单: the cadre of 帖沟村 adds an item by hand (validation first), then imports an .xlsx —
 *   a sheet with a bad row is refused row by row and writes nothing, the fixed sheet's two rows land —
 *   and sees all three in the list;
 * - 申报自评: the cadre links ledger entries and a checklist item as evidence on a row, removes one,
 *   saves, and after a reload the row shows what was saved;
 * - 台账照片: a photo is uploaded when chosen, so a reload keeps it; a photo whose upload failed is,
 *   after a reload, dropped from the draft with a notice instead of being claimed.
 * Screenshots of each new screen go to .artifacts/records-forms/.
 *
 * Needs `dist/h5` (`npm run build:h5`) and /usr/bin/chromium.
 */
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { artifactsDir } from '../support/build-output'
import { drawnJpeg, useH5Session } from '../support/h5-session'

jest.setTimeout(180_000)

const CADRE = 'demo-cadre-tiegou'
const MANUAL_TEXT = '完善平安法治宣传栏，每月更新防诈骗案例'
const IMPORTED = ['修缮党员活动室屋顶漏雨处', '建立村级便民服务代办台账']

const session = useH5Session()
let page: Page
let shots: string

const open = (route: string) => session.open(route)
const api = (action: string, data: unknown) => session.api(CADRE, action, data)
const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })

/** An import sheet as the template lays it out: 星级, 清单内容, 责任人, 完成时限; data from row 2. */
async function sheet(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const ws = book.addWorksheet('提升清单')
  ws.addRow(['星级', '清单内容', '责任人', '完成时限'])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await book.xlsx.writeBuffer())
}

async function chooseSheet(buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser')
  await page.click('.cl-choose')
  await (await chooser).setFiles({ name: '提升清单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer })
  await page.locator('.cl-file').waitFor()
}

beforeAll(async () => {
  page = session.page
  shots = artifactsDir('records-forms')
  await session.signInAs(CADRE, '张建国')
})

test('the cadre adds a checklist item by hand; the form says what is missing first', async () => {
  await open('/pages/me/index')
  await page.click('.me-link--checklist')
  await page.click('.checklist-new')
  await page.locator('.cl-owner').first().waitFor()
  await page.click('.cl-submit')
  expect(await page.locator('.field-error--text').innerText()).toBe('清单内容不能为空')
  expect(await page.locator('.field-error--ownerId').innerText()).toBe('请选择责任人')

  await page.locator('.cl-star[data-star="4"]').click()
  await page.fill('.cl-text textarea', MANUAL_TEXT)
  await page.locator('.cl-owner', { hasText: '张建国' }).click()
  await page.fill('.cl-due input', '2026-12')
  await shot('checklist-new')
  await page.click('.cl-submit')
  // Back on the list, reloaded.
  await page.locator('.checklist-item', { hasText: MANUAL_TEXT }).waitFor()
  const items = (await api('checklist.list', { villageId: 'tiegou', limit: 50 })).body.data.items
  expect(items.map((i: any) => [i.text, i.star, i.ownerName, i.dueMonth, i.status])).toEqual([[MANUAL_TEXT, 4, '张建国', '2026-12', 'open']])
  expect(session.browser.pageErrors).toEqual([])
})

test('an import with a bad row is refused row by row and writes nothing; the fixed sheet imports both rows', async () => {
  await page.click('.checklist-import')
  await page.locator('.cl-choose').waitFor()
  expect(await page.locator('.cl-import-submit').getAttribute('disabled')).not.toBeNull()

  await chooseSheet(await sheet([['全村', IMPORTED[0], '王志刚', '2026-12'], ['文明幸福星', IMPORTED[1], '赵无此人', '2026-13']]))
  await page.click('.cl-import-submit')
  const refused = page.locator('.cl-refused-row')
  await refused.first().waitFor()
  expect(await refused.count()).toBe(1)
  const text = await refused.innerText()
  expect(text).toContain('第3行')
  expect(text).toContain('责任人“赵无此人”不是本村村干部或书记')
  expect(text).toContain('完成时限“2026-13”应为 YYYY-MM')
  expect(await page.locator('.cl-result--refused').innerText()).toContain('整个文件未导入')
  await shot('checklist-import-refused')
  expect((await api('checklist.list', { villageId: 'tiegou', limit: 50 })).body.data.items).toHaveLength(1)
  // The refusal's HTTP 400 is this test's doing; nothing else may have failed.
  expect(session.browser.pageErrors).toEqual([expect.stringMatching(/^HTTP 400: POST .*\/cloud\/api$/)])
  session.browser.pageErrors.length = 0

  await chooseSheet(await sheet([['全村', IMPORTED[0], '王志刚', '2026-12'], ['文明幸福星', IMPORTED[1], '张建国', '2027-01']]))
  await page.click('.cl-import-submit')
  await page.locator('.cl-result--ok', { hasText: '已导入 2 条' }).waitFor()
  await shot('checklist-import-done')
  // Back on the list, which shows the three items.
  for (const t of [MANUAL_TEXT, ...IMPORTED]) await page.locator('.checklist-item', { hasText: t }).waitFor()
  const items = (await api('checklist.list', { villageId: 'tiegou', limit: 50 })).body.data.items
  expect(items.map((i: any) => [i.text, i.star, i.ownerName, i.dueMonth]).sort()).toEqual(
    [[MANUAL_TEXT, 4, '张建国', '2026-12'], [IMPORTED[0], null, '王志刚', '2026-12'], [IMPORTED[1], 5, '张建国', '2027-01']].sort(),
  )
})

test('the cadre links ledger entries and a checklist item as evidence on a row; after saving the row shows them', async () => {
  await open('/ratings/apply/index')
  await page.locator('.rt-star-4 .rt-apply').click()
  await page.waitForURL(/ratings\/detail\/index\?id=/)
  const applicationId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? ''
  const row = page.locator('.rt-assess-row[data-criterion="s4-fangdianzha"]')
  await row.locator('.ev-pick').click()

  // The village's 平安法治星 entries, a page at a time; this criterion's marked.
  const entries = page.locator('.ev-ledger')
  await entries.first().waitFor()
  const firstPage = await entries.count()
  expect(firstPage).toBe(10)
  await page.click('.ev-more')
  await entries.nth(firstPage).waitFor()
  const matching = page.locator('.ev-ledger', { has: page.locator('.ev-match') })
  const picked = [await matching.nth(0).getAttribute('data-id'), await matching.nth(1).getAttribute('data-id')]
  await matching.nth(0).click()
  await matching.nth(1).click()
  await page.click('.ev-tab-checklist')
  await page.locator('.ev-checklist', { hasText: MANUAL_TEXT }).click()
  await shot('evidence-picker')
  await page.click('.ev-done')

  await row.locator('.ev-chip--ledger').nth(1).waitFor()
  expect(await row.locator('.ev-chip--checklist').innerText()).toContain(MANUAL_TEXT)
  // Removed before saving: only the first entry stays.
  await row.locator(`.ev-chip--ledger[data-id="${picked[1]}"] .ev-chip__x`).click()
  await row.locator(`.ev-chip--ledger[data-id="${picked[1]}"]`).waitFor({ state: 'detached' })
  await page.locator('.rt-save').click()
  await page.locator('.rt-step', { hasText: '修改申报' }).waitFor()

  const saved = (await api('application.get', { applicationId })).body.data
  const savedRow = saved.rows.find((r: any) => r.criterionId === 's4-fangdianzha')
  expect(savedRow.ledgerIds).toEqual([picked[0]])
  expect(savedRow.checklistIds).toHaveLength(1)

  // A fresh load shows the saved evidence with its labels.
  await open(`/ratings/detail/index?id=${applicationId}`)
  const chip = page.locator(`.rt-assess-row[data-criterion="s4-fangdianzha"] .ev-chip--ledger[data-id="${picked[0]}"]`)
  await chip.waitFor()
  await page.waitForFunction((id) => !document.querySelector(`.ev-chip--ledger[data-id="${id}"]`)?.textContent?.includes('…'), picked[0])
  expect(await chip.innerText()).toMatch(/台账 · 2026-\d\d-\d\d 防电诈教育/)
  expect(await page.locator('.rt-assess-row[data-criterion="s4-fangdianzha"] .ev-chip--checklist').innerText()).toContain(MANUAL_TEXT)
  await shot('application-evidence-saved')
  expect(session.browser.pageErrors).toEqual([])
})

test('a ledger photo is uploaded when chosen and survives a reload; one that never uploaded is dropped with a notice', async () => {
  await open('/records/entry/index?villageId=tiegou')
  await page.locator('.activity-type[data-type="防电诈教育"]').click()
  let chooser = page.waitForEvent('filechooser')
  await page.click('.entry-add-photo')
  await (await chooser).setFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: await drawnJpeg(page, '#c8161d') })
  await page.locator('.entry-photo:not(.entry-photo--pending)').waitFor()

  // The upload endpoint down: the second photo stays pending.
  await page.route('**/local/upload', (route) => route.abort())
  chooser = page.waitForEvent('filechooser')
  await page.click('.entry-add-photo')
  await (await chooser).setFiles({ name: 'b.jpg', mimeType: 'image/jpeg', buffer: await drawnJpeg(page, '#1e7b34') })
  await page.locator('.entry-pending-note', { hasText: '1 张照片待上传' }).waitFor()
  await page.unroute('**/local/upload')

  await page.reload()
  await page.locator('.entry-photo-notice').waitFor()
  expect(await page.locator('.entry-photo-notice').innerText()).toContain('1 张照片未能上传且已无法读取')
  expect(await page.locator('.entry-photo').count()).toBe(1)
  expect(await page.locator('.entry-photo--pending').count()).toBe(0)
  expect(await page.locator('.entry-photo').getAttribute('src')).toMatch(/\/files\/[a-f0-9]{32}\.jpg$/)
  await shot('ledger-draft-after-reload')
  session.browser.pageErrors.length = 0 // the aborted uploads are this test's doing
})

test('the secretary can assign an item to themself or to any of the village’s cadres (role.list), by a handle, never an OPENID', async () => {
  await session.signInAs('demo-secretary-tiegou', '王志刚')
  await open('/records/checklist-new/index?villageId=tiegou')
  await page.locator('.cl-owner', { hasText: '张建国' }).waitFor()
  expect((await page.locator('.cl-owner').allInnerTexts()).sort()).toEqual(['张建国', '王志刚'].sort())
  expect(session.browser.pageErrors).toEqual([])
})
