/**
 * End to end in headless Chromium against the H5 build and the real local server, 季度观摩:
 * the leader creates a tour of three villages from 我的 → 季度观摩; the secretaries of 方东村 and
 * 段村 score the 帖沟村 stop on their phones, 帖沟村's own secretary is refused (回避本村); the leader
 * closes the stop and the tour, sees the ranking (also on 督导看板), and turns a comment into a checklist item that
 * 帖沟村's cadre then finds in 提升清单. Screenshots go to .artifacts/tour-flow/.
 *
 * Needs `dist/h5` (`npm run build:h5`) and /usr/bin/chromium.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { artifactsDir } from '../support/build-output'
import { useH5Session } from '../support/h5-session'

jest.setTimeout(240_000)

const LEADER = 'demo-leader'
const CADRE = 'demo-cadre-tiegou'
const TIEGOU_SECRETARY = 'demo-secretary-tiegou'
const SCORERS = [
  { openid: 'demo-secretary-fangdong', name: '刘保国', points: ['18', '17', '16', '19', '20'], comment: '三会一课记录需按月归档上墙' },
  { openid: 'demo-secretary-duancun', name: '段红旗', points: ['15', '16', '17', '15', '16'], comment: '' },
]
const GAP_TEXT = '观摩点评：三会一课记录需按月归档上墙'

const session = useH5Session()
let page: Page
let shots: string
let tourId = ''

const open = (route: string) => session.open(route)
const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })

beforeAll(() => {
  page = session.page
  shots = artifactsDir('tour-flow')
})

test('the leader creates a tour of three villages from 我的 → 季度观摩', async () => {
  await session.signInAs(LEADER, '陈卫东')
  await open('/pages/me/index')
  await page.click('.me-link--tours')
  await page.click('.tr-new')
  for (const v of ['tiegou', 'fangdong', 'duancun']) await page.click(`.tr-village-${v}`)
  expect(await page.locator('.tr-village.tr-chip--on').allInnerTexts()).toEqual(['1. 帖沟村', '2. 方东村', '3. 段村'])
  await shot('new')
  await page.click('.tr-create')
  await page.locator('.tr-stop-tiegou').waitFor()
  expect(await page.locator('.tr-stop .tr-title').allInnerTexts()).toEqual(['帖沟村', '方东村', '段村'])
  // 资料查阅 on the stop's card.
  expect(await page.locator('.tr-stop-tiegou').innerText()).toContain('资料查阅')
  const list = await session.api(LEADER, 'tour.list', { limit: 5 })
  tourId = list.body.data.items[0].id
  expect(list.body.data.items[0].stops.map((s: { villageId: string }) => s.villageId)).toEqual(['tiegou', 'fangdong', 'duancun'])
  await shot('detail-open')
  expect(session.browser.pageErrors).toEqual([])
})

test('two secretaries score the 帖沟村 stop; its own secretary is refused', async () => {
  for (const scorer of SCORERS) {
    await session.signInAs(scorer.openid, scorer.name)
    await open(`/tours/detail/index?id=${tourId}`)
    await page.click('.tr-score-tiegou')
    await page.locator('.tr-points-0').waitFor()
    for (const [i, p] of scorer.points.entries()) await page.fill(`.tr-points-${i} input`, p)
    if (scorer.comment) await page.fill('.tr-comment-input textarea', scorer.comment)
    if (scorer === SCORERS[0]) await shot('score')
    await page.click('.tr-submit')
    await page.locator('.tr-stop-tiegou .tr-sheets', { hasText: '我的评分' }).waitFor()
  }
  await session.signInAs(TIEGOU_SECRETARY, '王志刚')
  await open(`/tours/detail/index?id=${tourId}`)
  await page.locator('.tr-stop-tiegou .tr-own').waitFor()
  expect(await page.locator('.tr-score-tiegou').count()).toBe(0)
  // They may score the other stops.
  expect(await page.locator('.tr-score-fangdong').count()).toBe(1)
  // Opening the sheet anyway: the server refuses, in Chinese.
  await open(`/tours/score/index?tourId=${tourId}&villageId=tiegou`)
  for (let i = 0; i < 5; i++) await page.fill(`.tr-points-${i} input`, '20')
  await page.click('.tr-submit')
  expect(await page.locator('.tr-score-error').innerText()).toContain('不能给本村（帖沟村）评分')
  await shot('own-village-refused')
  // That refusal (403) is the only failed call of the flow so far; cleared so later tests see their own.
  expect(session.browser.pageErrors.filter((e) => !e.startsWith('HTTP 403'))).toEqual([])
  session.browser.pageErrors.length = 0
  const view = await session.api(LEADER, 'tour.get', { tourId })
  expect(view.body.data.stops[0].sheets).toBe(2)
})

test('the leader closes the stop and the tour, sees the ranking and turns a comment into a checklist item', async () => {
  await session.signInAs(LEADER, '陈卫东')
  await open(`/tours/detail/index?id=${tourId}`)
  await page.click('.tr-close-stop-tiegou')
  await page.locator('.tr-stop-tiegou .tr-result').waitFor()
  expect(await page.locator('.tr-stop-tiegou .tr-result').innerText()).toContain('平均 84.5 分')
  await page.click('.tr-close-tour')
  await page.locator('.tr-ranking').waitFor()
  expect(await page.locator('.tr-rank').first().innerText()).toContain('1. 帖沟村')
  await page.click('.tr-stop-tiegou .tr-gap-open')
  await page.locator('.tr-gap-owner', { hasText: '张建国' }).click()
  await page.fill('.tr-gap-due input', '2026-12')
  await shot('gap')
  await page.click('.tr-gap-submit')
  await page.locator('.tr-stop-tiegou .tr-gap-done').waitFor()
  await shot('closed')
  // 督导看板 shows the latest closed tour's ranking.
  await open('/ratings/dashboard/index')
  await page.locator('.rt-latest-tour').waitFor()
  expect(await page.locator('.rt-latest-tour .rt-row').first().innerText()).toContain('1. 帖沟村')
  expect(session.browser.pageErrors).toEqual([])
})

test('帖沟村\'s cadre sees the item in 提升清单', async () => {
  await session.signInAs(CADRE, '张建国')
  await open('/pages/me/index')
  await page.click('.me-link--checklist')
  await page.locator('.checklist-item', { hasText: GAP_TEXT }).waitFor()
  const items = (await session.api(CADRE, 'checklist.list', { villageId: 'tiegou', limit: 50 })).body.data.items
  expect(items.filter((i: any) => i.text === GAP_TEXT).map((i: any) => [i.ownerName, i.dueMonth, i.status])).toEqual([['张建国', '2026-12', 'open']])
  await shot('checklist')
})
