/**
 * End to end in headless Chromium against the H5 build and the real local server: a cadre's draft
 * appears in the secretary's 消息 with the unread count on 我的, opening it leads to the review
 * queue, and the approval appears in the cadre's 消息 and leads to the village's drafts.
 *
 * Needs `dist/h5` (`npm run build:h5`) and /usr/bin/chromium.
 */
import { artifactsDir } from '../support/build-output'
import { useH5Session } from '../support/h5-session'
import type { Page } from 'playwright-core'
import path from 'node:path'

jest.setTimeout(120_000)

const CADRE = 'demo-cadre-tiegou'
const SECRETARY = 'demo-secretary-tiegou'
const NAME = '周春来'

const session = useH5Session()
let page: Page

const open = (route: string) => session.open(route)

const signInAs = (openid: string, expectedName: string) => session.signInAs(openid, expectedName)

const badge = () => page.locator('.me-link--inbox .me-inbox__badge')

/** A screenshot once the page's slide-in has finished. */
async function shot(name: string, scrollTo?: string) {
  if (scrollTo) await page.locator(scrollTo).scrollIntoViewIfNeeded()
  await page.waitForTimeout(700)
  await page.screenshot({ path: path.join(artifactsDir('inbox'), name) })
}

beforeAll(() => {
  page = session.page
})

test('a cadre drafts a praise; the submit tap asks for subscriptions', async () => {
  await signInAs(CADRE, '张建国')
  // Nothing for the cadre yet: no badge.
  await page.locator('.me-link--inbox').waitFor()
  expect(await badge().count()).toBe(0)
  await page.click('.me-link--draft')
  await page.waitForSelector('.draft-form')
  await page.fill('.draft-subject-name input', NAME)
  await page.fill('.draft-household-no input', '7组3号')
  await page.fill('.draft-text textarea', '冒雨帮助邻居抢收晾晒的粮食，热心助人。')
  await page.click('.draft-submit')
  await page.locator('text=已提交，等待书记审核').first().waitFor()
  // Local mode stands in for WeChat's prompt: the cadre's accepts were recorded.
  const subs = await session.api(CADRE, 'subscription.record', { results: [{ templateId: 'local-result', status: 'reject' }] })
  expect(subs.body.data.subscriptions).toEqual([{ template: 'result', remaining: 1, villageId: null }])
})

test("the draft appears in the secretary's 消息 with the unread count, and opens the review queue", async () => {
  await signInAs(SECRETARY, '王志刚')
  await badge().waitFor()
  expect(await badge().innerText()).toBe('1')
  await shot('secretary-me-badge.png', '.me-who__name')
  await page.click('.me-link--inbox')
  const message = page.locator('.inbox-item--unread', { hasText: '帖沟村表扬公告待审核' })
  await message.waitFor()
  expect(await message.innerText()).toContain('张建国起草了一条表扬公告')
  await shot('secretary-inbox.png')
  await message.click()
  // Opening the message leads to its page: the village's queue, with the draft waiting.
  const card = page.locator('.draft-card--pending', { hasText: NAME })
  await card.waitFor()
  expect(page.url()).toContain('/cadre/review/index')
  await card.locator('.review-approve').click()
  await page.locator('text=已通过').first().waitFor()
  await card.waitFor({ state: 'detached' })
  // Read: the badge is gone.
  await open('/pages/me/index')
  await page.locator('.me-link--inbox').waitFor()
  await page.waitForFunction(() => !document.querySelector('.me-link--inbox .me-inbox__badge'))
})

test("the approval appears in the cadre's 消息 and opens the village's drafts", async () => {
  await signInAs(CADRE, '张建国')
  await badge().waitFor()
  expect(await badge().innerText()).toBe('1')
  await page.click('.me-link--inbox')
  const message = page.locator('.inbox-item--unread', { hasText: '表扬公告已通过审核' })
  await message.waitFor()
  // Local mode shows what would have gone to WeChat.
  expect(await message.locator('.inbox-item__delivery').innerText()).toContain('本地模式')
  await shot('cadre-inbox.png')
  await message.click()
  await page.waitForSelector('.review-tab--all.review-tab--active')
  await page.locator('.draft-card', { hasText: NAME }).waitFor()
  expect(page.url()).toContain('tab=all')
})
