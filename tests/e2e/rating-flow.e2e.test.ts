/**
 * End to end in headless Chromium against the H5 build and the real local server: the secretary
 * of 帖沟村 applies for 平安法治星, the task force returns it with a comment, the secretary fixes
 * and resubmits, the task force recommends, the leader approves, the dashboard shows the star, the
 * leader revokes it with a reason and the dashboard shows that, and the timeline shows every step.
 *
 * Needs `dist/h5` (`npm run build:h5`) and /usr/bin/chromium.
 */
import type { Page } from 'playwright-core'
import { useH5Session } from '../support/h5-session'

jest.setTimeout(180_000)

const SECRETARY = 'demo-secretary-tiegou'
const TASKFORCE = 'demo-taskforce-4'
const LEADER = 'demo-leader'

const session = useH5Session()
let page: Page
let applicationId = ''

const open = (route: string) => session.open(route)

const signInAs = (openid: string, expectedName: string) => session.signInAs(openid, expectedName)

const openDetail = () => open(`/ratings/detail/index?id=${applicationId}`)
const status = (text: string) => page.locator('.rt-status', { hasText: `状态：${text}` }).waitFor()

async function opinion(text: string) {
  await page.locator('.rt-opinion textarea').fill(text)
}

beforeAll(() => {
  page = session.page
})

it('the secretary applies for 平安法治星 with the self-assessment', async () => {
  await signInAs(SECRETARY, '王志刚')
  await page.locator('.me-link--apply').click()
  await page.locator('.rt-star-4 .rt-apply').click()
  await page.waitForURL(/ratings\/detail\/index\?id=/)
  applicationId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? ''
  expect(applicationId).not.toBe('')
  await status('草稿')
  // Pre-filled from this year's month-by-month compliance.
  expect(await page.locator('.rt-row', { hasText: '防电诈' }).first().innerText()).toMatch(/11月/)
  await page.locator('.rt-row-comment textarea').first().fill('每月开展防电诈教育，照片见台账')
  await page.locator('.rt-save').click()
  await page.locator('.rt-step', { hasText: '修改申报' }).waitFor()
  await page.locator('.rt-submit').click()
  await status('待初审')
})

it('the 平安法治星 task force returns it with a comment; the secretary fixes and resubmits', async () => {
  await signInAs(TASKFORCE, '刘洋')
  await openDetail()
  await opinion('缺少十月份活动照片')
  await page.locator('.rt-return').click()
  await status('已退回')

  await signInAs(SECRETARY, '王志刚')
  await openDetail()
  await page.locator('text=最新意见：缺少十月份活动照片').waitFor()
  await page.locator('.rt-row-comment textarea').first().fill('已补充十月份活动照片')
  await page.locator('.rt-save').click()
  await page.locator('.rt-step', { hasText: '修改申报' }).nth(1).waitFor()
  await page.locator('.rt-submit').click()
  await status('待初审')
})

it('the task force recommends, the leader approves, the dashboard shows the star', async () => {
  await signInAs(TASKFORCE, '刘洋')
  await open('/ratings/queue/index')
  await page.locator('.rt-queue-item', { hasText: '帖沟村' }).click()
  await status('待初审')
  await opinion('材料齐全，同意推荐')
  await page.locator('.rt-recommend').click()
  await status('已推荐')

  await signInAs(LEADER, '陈卫东')
  await openDetail()
  await opinion('同意授星')
  await page.locator('.rt-approve').click()
  await status('已授星')
  await open('/ratings/dashboard/index')
  const row = page.locator('.rt-village-tiegou')
  await row.waitFor()
  expect(await row.locator('.rt-cell').nth(3).getAttribute('class')).toContain('rt-cell--approved')
  expect(await row.locator('.rt-cell').nth(3).innerText()).toBe('★')
})

it('the leader revokes it with a reason; the dashboard and the timeline show every step', async () => {
  await openDetail()
  await opinion('发生电信诈骗案件，摘星整改')
  await page.locator('.rt-revoke').click()
  await status('已摘星')
  const steps = await page.locator('.rt-step').allInnerTexts()
  expect(steps.map((s) => s.split('·')[0].trim())).toEqual([
    '创建申报', '修改申报', '书记提交', '专班退回', '修改申报', '书记提交', '专班推荐', '镇领导审定通过', '摘星',
  ])
  expect(steps[3]).toContain('缺少十月份活动照片')
  expect(steps[8]).toContain('发生电信诈骗案件，摘星整改')

  await open('/ratings/dashboard/index')
  const cell = page.locator('.rt-village-tiegou .rt-cell').nth(3)
  await cell.waitFor()
  expect(await cell.getAttribute('class')).toContain('rt-cell--revoked')
  expect(await cell.innerText()).toBe('✕')
  expect(session.browser.pageErrors).toEqual([])
})
