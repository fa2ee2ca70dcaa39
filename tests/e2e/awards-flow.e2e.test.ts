/**
 * End to end in Chromium against the H5 build and the real local server: a cadre nominates a
 * 每周之星 from the week's approved praise with a prize, the branch secretary confirms it, the next
 * day's 07:00 run publishes the board, and a villager sees the award as its own block (and in the
 * 广播稿).
 *
 * Needs `dist/h5` (`npm run build:h5`) and /usr/bin/chromium.
 */
import { addDays, chinaDay, publishInstant } from '../../core/time'
import { useH5Session } from '../support/h5-session'
import { DEFAULT_NOW } from '../support/app-harness'

jest.setTimeout(120_000)

const CADRE = 'demo-cadre-tiegou'
const SECRETARY = 'demo-secretary-tiegou'
const VILLAGER = 'demo-villager-tiegou'
// A name that appears nowhere in the seed.
const PRAISE = { name: '孙满仓', householdNo: '4组7号', text: '连续三个月义务清扫村口道路，风雨无阻。' }
const PRIZE = '洗衣粉一袋'

const session = useH5Session()
const today = chinaDay(new Date(DEFAULT_NOW))
const page = () => session.page

beforeAll(async () => {
  // Today's praise, approved after 07:00: on today's board at once, so it is one of this week's.
  const drafted = await session.api(CADRE, 'notice.draft', {
    villageId: 'tiegou', kind: 'praise', category: '邻里互助', subject: { name: PRAISE.name, householdNo: PRAISE.householdNo }, text: PRAISE.text, publishDate: today,
  })
  expect(drafted.body.ok).toBe(true)
  const reviewed = await session.api(SECRETARY, 'notice.review', { noticeId: drafted.body.data.id, decision: 'approve' })
  expect(reviewed.body.data.status).toBe('published')
})

test('a cadre nominates the praised villager as 每周之星 with a prize, from 我的', async () => {
  await session.signInAs(CADRE, '张建国')
  await page().click('.me-link--awards')
  const source = page().locator('.award-source', { hasText: PRAISE.name })
  await source.waitFor()
  await source.locator('.award-prize input').fill(PRIZE)
  await source.locator('.award-nominate-star').click()
  await page().locator('.award-card--nominated', { hasText: PRAISE.name }).waitFor()
  // A cadre sees the nomination but is offered no confirmation.
  expect(await page().locator('.award-card--nominated .award-confirm').count()).toBe(0)
})

test('the secretary confirms it', async () => {
  await session.signInAs(SECRETARY, '王志刚')
  await session.open('/awards/index/index')
  const card = page().locator('.award-card--nominated', { hasText: PRAISE.name })
  await card.waitFor()
  expect(await card.innerText()).toContain(PRIZE)
  await card.locator('.award-confirm').click()
  await page().locator('.award-card--confirmed', { hasText: PRAISE.name }).waitFor()
})

test('the next day’s board shows the award as its own block with the prize, and the 广播稿 reads it', async () => {
  const boardDay = addDays(today, 1)
  const at = new Date(publishInstant(boardDay).getTime() + 5 * 60_000)
  session.server.setNow(at)
  await session.browser.context.clock.setSystemTime(at)
  const run = await session.server.post('/cloud/publishDaily', { date: boardDay })
  expect(run.body.ok).toBe(true)

  await session.signInAs(VILLAGER, '李桂兰')
  await session.open('/pages/board/index')
  const block = page().locator('.board-award', { hasText: PRAISE.name })
  await block.waitFor()
  expect(await block.innerText()).toContain('每周之星')
  expect(await block.innerText()).toContain(`奖品：${PRIZE}`)
  expect(await block.innerText()).toContain(PRAISE.householdNo)
  await page().locator('.board-script__toggle').click()
  expect(await page().locator('.board-script__text').innerText()).toContain(`每周之星：${PRAISE.name}（${PRAISE.householdNo}），${PRAISE.text.replace(/。$/, '')}，奖励${PRIZE}。`)
})
