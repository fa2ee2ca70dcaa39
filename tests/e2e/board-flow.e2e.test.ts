/**
 * End to end, in a real headless Chromium (Debian's package, via playwright-core), against the H5 build
 * served by the real local server: a cadre drafts a praise and a criticism, the branch secretary
 * approves both, the 07:00 job publishes tomorrow's board, and a villager reads it with the
 * criticised name masked.
 *
 * Needs `dist/h5` (`npm run build:h5`; `npm test` builds it first) and /usr/bin/chromium.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { addDays, chinaDay, chineseDate, publishInstant } from '../../core/time'
import { artifactsDir } from '../support/build-output'
import { launchBrowser, openRoute, type Browser } from '../support/browser'
import { useH5Session } from '../support/h5-session'
import { DEFAULT_NOW } from '../support/app-harness'

jest.setTimeout(120_000)

const CADRE = 'demo-cadre-tiegou'
const SECRETARY = 'demo-secretary-tiegou'
const VILLAGER = 'demo-villager-tiegou'

// Names that appear nowhere in the seed, so every check below is about these two notices.
const PRAISE = { name: '钱德胜', householdNo: '6组9号', category: '孝老爱亲', text: '二十年如一日照顾年迈的岳父母，从不叫苦。' }
const CRITICISM = { name: '赵铁柱', masked: '赵某某', householdNo: '2组21号', category: '平安', text: '在村道上晾晒玉米占道，影响车辆通行，请今天之内收回院内。' }

const session = useH5Session()
let page: Page
/** The villager's browser, opened in the last step. */
let phone: Browser | undefined
/** Tomorrow in China by the server's clock at start: the day both notices are for. */
let boardDay: string

/**
 * Moves the server's clock and the browser's together (the page computes "today" and the draft's
 * default day from its own clock), so the flow never straddles a midnight and dates are reproducible.
 */
async function setClock(instant: Date) {
  session.server.setNow(instant)
  await session.browser.context.clock.setSystemTime(instant)
}

/** Opens a route of the H5 app (hash router) as a fresh page load, so no state of the last one lingers. */
/** Opens a route afresh in whichever browser `page` is now (the cadres' or the villager's phone). */
const open = (route: string) => openRoute(page, session.server.baseUrl, route)

/** Signs in through the 演示登录 section of 我的 and waits until the page shows who we are. */
async function signInAs(openid: string, label: string, expectedName: string): Promise<void> {
  await open('/pages/me/index')
  const person = page.locator(`.demo-person[data-openid="${openid}"]`)
  expect(await person.locator('.demo-person__label').innerText()).toBe(label)
  await person.locator('.demo-person__login').click()
  await page.waitForSelector(`.demo-person--current[data-openid="${openid}"]`)
  await page.locator('.me-who__name', { hasText: expectedName }).waitFor()
}

/** The visible text of the whole page. */
const pageText = () => page.evaluate(() => document.body.innerText)

/** Resolves after the page has painted twice: Taro's H5 components render on animation frames. */
const twoFrames = () => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))

/**
 * The box of an element once it has stopped moving. Frames first, so a snap the page has been told
 * to make but not yet drawn is not mistaken for rest; then two reads 350 ms apart (longer than the
 * wheel's 0.3 s snap) must agree.
 */
async function settledBox(locator: Locator) {
  const deadline = Date.now() + 10_000
  for (;;) {
    await twoFrames()
    const before = await locator.boundingBox()
    await new Promise((resolve) => setTimeout(resolve, 350))
    await twoFrames()
    const box = await locator.boundingBox()
    if (box && before && Math.abs(box.x - before.x) < 0.5 && Math.abs(box.y - before.y) < 0.5) return box
    if (Date.now() > deadline) throw new Error('element kept moving for 10 s')
  }
}

/**
 * Picks an option of a Taro H5 selector <Picker> the way a thumb does: opens it, drags the wheel
 * until the option sits in the middle row (checking, and dragging again if the wheel snapped
 * elsewhere), confirms with 确定, and reads the field. On a loaded machine the H5 wheel can drop
 * drag steps and snap to a neighbour after it looked right; a person would see the wrong value and
 * pick again, and so does this, up to three times.
 */
async function pickOption(trigger: string, option: string): Promise<void> {
  for (let round = 1; ; round++) {
    await turnWheelAndConfirm(trigger, option)
    const shown = page.locator(trigger, { hasText: option })
    try {
      await shown.waitFor({ timeout: 5_000 })
      return
    } catch (error) {
      if (round >= 3) throw error
    }
  }
}

async function turnWheelAndConfirm(trigger: string, option: string): Promise<void> {
  await page.click(trigger)
  const overlay = page.locator('.weui-picker__overlay', { has: page.locator('.weui-picker__item', { hasText: option }) })
  const item = overlay.locator('.weui-picker__item', { hasText: option })
  // A trial click waits until the sheet is visible and stable (the middle row is on top there).
  await overlay.locator('.weui-picker__indicator').click({ trial: true })
  const middle = await settledBox(overlay.locator('.weui-picker__indicator'))
  const x = middle.x + middle.width / 2
  const centre = middle.y + middle.height / 2
  for (let attempt = 1; ; attempt++) {
    const target = await settledBox(item)
    const by = target.y + target.height / 2 - centre
    if (Math.abs(by) < 2) break
    if (attempt > 8) throw new Error(`could not turn the ${trigger} wheel to ${option}`)
    await page.mouse.move(x, centre)
    await page.mouse.down()
    await page.mouse.move(x, centre - by, { steps: 8 })
    await page.mouse.up()
  }
  await overlay.locator('.weui-picker__action', { hasText: '确定' }).click()
  await overlay.waitFor({ state: 'hidden' })
}

async function fillDraft(kind: 'praise' | 'criticism', n: { name: string; householdNo: string; category: string; text: string }) {
  await page.click(`.draft-kind--${kind}`)
  await page.waitForSelector(`.draft-kind--${kind}.draft-kind--active`)
  await pickOption('.draft-category', n.category)
  await page.fill('.draft-subject-name input', n.name)
  await page.fill('.draft-household-no input', n.householdNo)
  await page.fill('.draft-text textarea', n.text)
  // The form defaults 见榜日期 to tomorrow in China; the board must come out on that day.
  await page.locator('.draft-date', { hasText: chineseDate(boardDay) }).waitFor()
  await page.click('.draft-submit')
  await page.locator('text=已提交，等待书记审核').first().waitFor()
  // The form is cleared for the next notice once the server has accepted this one.
  await page.waitForFunction(() => (document.querySelector('.draft-subject-name input') as HTMLInputElement | null)?.value === '')
}

async function approve(subjectName: string) {
  const card = page.locator('.draft-card--pending', { hasText: subjectName })
  await card.waitFor()
  await card.locator('.review-approve').click()
  await page.locator('text=已通过').first().waitFor()
  // Approved drafts leave the 待审核 queue.
  await card.waitFor({ state: 'detached' })
}

beforeAll(() => {
  // The session starts both clocks at 2026-11-27 10:00 in China, a Friday: after that day's 07:00 publish.
  boardDay = addDays(chinaDay(new Date(DEFAULT_NOW)), 1)
  page = session.page
})

afterAll(async () => {
  await phone?.close()
})

let phoneReported = 0
afterEach(() => {
  // What the villager's phone said (the session reports the main browser's).
  const fresh = phone?.pageErrors.slice(phoneReported) ?? []
  phoneReported += fresh.length
  if (fresh.length) console.warn(`phone errors during this step:\n${fresh.join('\n')}`)
})

test('a village cadre drafts a praise and a criticism for tomorrow through the draft page', async () => {
  await signInAs(CADRE, '帖沟村 村干部', '张建国')
  await page.click('.me-link--draft')
  await page.waitForSelector('.draft-form')
  expect(await page.locator('.cadre-village').innerText()).toContain('帖沟村')

  await fillDraft('praise', PRAISE)
  await fillDraft('criticism', CRITICISM)

  // Both reached the server as pending drafts for tomorrow, as the cadre wrote them.
  const drafts = await session.server.post(
    '/cloud/api',
    { action: 'notice.listDrafts', data: { villageId: 'tiegou', status: 'pending', limit: 50 } },
    { 'X-Demo-Openid': CADRE },
  )
  expect(drafts.body.ok).toBe(true)
  const ours = drafts.body.data.items.filter((n: any) => [PRAISE.name, CRITICISM.name].includes(n.subject.name))
  expect(ours.map((n: any) => [n.kind, n.category, n.subject.name, n.subject.householdNo, n.text, n.publishDate]).sort()).toEqual(
    [
      ['criticism', CRITICISM.category, CRITICISM.name, CRITICISM.householdNo, CRITICISM.text, boardDay],
      ['praise', PRAISE.category, PRAISE.name, PRAISE.householdNo, PRAISE.text, boardDay],
    ].sort(),
  )
})

test('the branch secretary approves both in the review queue', async () => {
  await signInAs(SECRETARY, '帖沟村 村党支部书记', '王志刚')
  await page.click('.me-link--review')
  await page.waitForSelector('.review-tab--pending.review-tab--active')
  await approve(PRAISE.name)
  await approve(CRITICISM.name)
})

test('the 07:00 job publishes tomorrow’s board', async () => {
  // Tomorrow, 07:05 in China.
  await setClock(new Date(publishInstant(boardDay).getTime() + 5 * 60_000))
  const res = await session.server.post('/cloud/publishDaily', { date: boardDay })
  expect(res.status).toBe(200)
  expect(res.body).toMatchObject({ ok: true, data: { date: boardDay, noticesPublished: 2 } })
  // Idempotent: a second run publishes nothing more.
  const again = await session.server.post('/cloud/publishDaily', { date: boardDay })
  expect(again.body).toMatchObject({ ok: true, data: { noticesPublished: 0 } })
})

/**
 * Loads 今日公告 afresh and answers the ms from navigation start to the first visible `.board-entry`,
 * read in the page with performance.now() (whose origin is the navigation start).
 */
async function measureBoardLoad(): Promise<number> {
  await page.goto('about:blank')
  await page.goto(`${session.server.baseUrl}/#/pages/board/index`)
  const at = await page.waitForFunction(
    () => {
      const entry = document.querySelector('.board-entry')
      return entry && entry.getBoundingClientRect().height > 0 ? performance.now() : false
    },
    undefined,
    { polling: 'raf' },
  )
  return Math.round(Number(await at.jsonValue()))
}

test('a villager opens 今日公告 and sees both entries, the criticised name masked', async () => {
  // A villager's own phone: a second browser with its own profile and the real clock (the board's
  // day is the server's), so performance.now() in the page is genuine.
  phone = await launchBrowser()
  page = phone.page
  page.setDefaultTimeout(20_000)
  await signInAs(VILLAGER, '帖沟村 村民', '李桂兰')

  const cdp = await phone.context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const coldMs = await measureBoardLoad()
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
  const warmMs = await measureBoardLoad()
  console.log(
    `board page load, navigation start → first .board-entry visible: ${coldMs} ms with the HTTP cache disabled, ${warmMs} ms with it warm`,
  )
  expect(coldMs).toBeLessThan(10_000)

  expect(await page.locator('.board-entry').count()).toBe(2)
  expect(await page.locator('.board-header__village').innerText()).toContain('帖沟村')
  expect(await page.locator('.board-header__date').innerText()).toContain(chineseDate(boardDay))

  const praise = page.locator('.board-entry--praise')
  expect(await praise.locator('.subject-label').innerText()).toContain(PRAISE.name)
  expect(await praise.locator('.entry-text').innerText()).toBe(PRAISE.text)
  expect(await praise.locator('.entry-category').innerText()).toBe(PRAISE.category)

  const criticism = page.locator('.board-entry--criticism')
  expect(await criticism.locator('.subject-label').innerText()).toContain(CRITICISM.masked)
  expect(await criticism.locator('.entry-text').innerText()).toBe(CRITICISM.text)
  expect(await criticism.locator('.entry-category').innerText()).toBe(CRITICISM.category)

  // The 广播稿 (folded by default) reads the same masked name out over the loudspeaker.
  await page.click('.board-script__toggle')
  const script = await page.locator('.board-script__text').innerText()
  expect(script).toContain(PRAISE.name)
  expect(script).toContain(CRITICISM.masked)

  const text = await pageText()
  expect(text).toContain(CRITICISM.masked)
  expect(text).not.toContain(CRITICISM.name)
  // Nor anywhere in the DOM (attributes, hidden nodes).
  expect(await page.content()).not.toContain(CRITICISM.name)

  const shot = path.join(artifactsDir('e2e'), 'board.png')
  await page.screenshot({ path: shot, fullPage: true })
  expect(fs.statSync(shot).size).toBeGreaterThan(10_000)

  expect([...session.browser.pageErrors, ...phone.pageErrors].filter((e) => e.startsWith('pageerror'))).toEqual([])
})
