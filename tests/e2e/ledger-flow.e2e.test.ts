/**
 * End to end in a real headless Chromium against the H5 build served by the real local server:
 * the cadre of 帖沟村 records this month's 防电诈教育 with a photo, the 平安法治星 task force
 * (demo-taskforce-4) returns it, the cadre fixes it, the task force verifies it, and the village's
 * compliance shows it done.
 *
 * Needs `dist/h5` (`npm run build:h5`) and /usr/bin/chromium.
 */
import type { Page } from 'playwright-core'
import { drawnJpeg, useH5Session } from '../support/h5-session'

jest.setTimeout(120_000)

const CADRE = 'demo-cadre-tiegou'
const TASKFORCE = 'demo-taskforce-4'
const SUMMARY = '在村文化广场开展防范电信网络诈骗宣传，讲解冒充客服退款等典型案例。'

const session = useH5Session()
let page: Page

const signInAs = (openid: string, expectedName: string) => session.signInAs(openid, expectedName)

const fraudItem = () => page.locator('.compliance-item[data-criterion="s4-fangdianzha"]')
const api = (openid: string, action: string, data: unknown) => session.api(openid, action, data)
const ourEntry = async () => {
  const list = await api(CADRE, 'ledger.list', { villageId: 'tiegou', month: '2026-11', limit: 50 })
  return list.body.data.items.find((e: any) => e.summary.startsWith('在村文化广场开展防范电信网络诈骗宣传，讲解冒充'))
}

beforeAll(() => {
  page = session.page
})

test('the cadre records this month’s 防电诈教育 with a photo; compliance shows it pending', async () => {
  await signInAs(CADRE, '张建国')
  await page.click('.me-link--ledger')
  await fraudItem().waitFor()
  expect(await fraudItem().getAttribute('class')).toContain('compliance-item--missing')
  await page.click('.records-new')
  await page.locator('.activity-type[data-type="防电诈教育"]').click()
  await page.fill('.entry-count input', '46')
  await page.fill('.entry-summary textarea', SUMMARY)
  const chooser = page.waitForEvent('filechooser')
  await page.click('.entry-add-photo')
  await (await chooser).setFiles({ name: 'fraud.jpg', mimeType: 'image/jpeg', buffer: await drawnJpeg(page, '#c8161d') })
  await page.locator('.entry-photo:not(.entry-photo--pending)').waitFor()
  await page.click('.entry-submit')
  await page.locator('.compliance-item--pending[data-criterion="s4-fangdianzha"]').waitFor()

  const entry = await ourEntry()
  expect(entry).toMatchObject({ status: 'submitted', activityType: '防电诈教育', star: 4, date: '2026-11-27', participants: { count: 46 } })
  expect(entry.photos).toHaveLength(1)
  expect(entry.photos[0]).toMatch(/^local:\/\/[a-f0-9]{32}\.jpg$/)
})

test('the 平安法治星 task force returns it with a comment', async () => {
  await signInAs(TASKFORCE, '刘洋')
  await page.click('.me-link--ledger-review')
  const card = page.locator('.review-entry', { hasText: '冒充客服退款' })
  await card.waitFor()
  await card.locator('.review-comment input').fill('请补充宣传现场的群众参与照片')
  await card.locator('.review-return').click()
  await card.waitFor({ state: 'detached' })
  expect(await ourEntry()).toMatchObject({ status: 'returned', reviewComment: '请补充宣传现场的群众参与照片' })
})

test('the cadre fixes the returned entry and resubmits it', async () => {
  await signInAs(CADRE, '张建国')
  await page.click('.me-link--ledger')
  await page.locator('.ledger-entry--returned', { hasText: '防电诈教育' }).first().click()
  await page.waitForFunction(() => (document.querySelector('.entry-summary textarea') as HTMLTextAreaElement | null)?.value.includes('冒充客服退款'))
  await page.fill('.entry-count input', '52')
  const chooser = page.waitForEvent('filechooser')
  await page.click('.entry-add-photo')
  await (await chooser).setFiles({ name: 'crowd.jpg', mimeType: 'image/jpeg', buffer: await drawnJpeg(page, '#1e7b34') })
  // Uploaded as soon as chosen: the second photo is in the draft before the send.
  await page.locator('.entry-photo:not(.entry-photo--pending)').nth(1).waitFor()
  await page.click('.entry-submit')
  await page.locator('.compliance-item--pending[data-criterion="s4-fangdianzha"]').waitFor()
  const entry = await ourEntry()
  expect(entry).toMatchObject({ status: 'resubmitted', participants: { count: 52 } })
  expect(entry.photos).toHaveLength(2)
})

test('the task force verifies it, and the village’s compliance shows 防电诈教育 done', async () => {
  await signInAs(TASKFORCE, '刘洋')
  await page.click('.me-link--ledger-review')
  const card = page.locator('.review-entry', { hasText: '冒充客服退款' })
  await card.locator('.review-verify').click()
  await card.waitFor({ state: 'detached' })
  expect((await ourEntry()).status).toBe('verified')

  await signInAs(CADRE, '张建国')
  await page.click('.me-link--ledger')
  await page.locator('.compliance-item--done[data-criterion="s4-fangdianzha"]').waitFor()
  expect(await fraudItem().innerText()).toContain('已完成')
})
