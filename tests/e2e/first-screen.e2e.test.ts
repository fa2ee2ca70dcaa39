/**
 * The first screen as a new visitor meets it, in a real headless Chromium against the H5 build served
 * by the real local server: with no village chosen, 今日公告 lists the township's villages (with a
 * search box, 方岗镇 having more than 20); the choice opens that village's board and is remembered
 * across visits; 切换村庄 shows the same list.
 *
 * Needs `dist/h5` (`npm run build:h5`; `npm test` builds it first) and /usr/bin/chromium.
 */
import fs from 'node:fs'
import path from 'node:path'
import { FANGGANG_VILLAGES } from '../../backend/seed/fanggang-data'
import { artifactsDir } from '../support/build-output'
import { useH5Session } from '../support/h5-session'

jest.setTimeout(120_000)

// A phone that has never opened the app: a fresh profile, no village in its storage.
const session = useH5Session()
const page = () => session.page
const villageNames = () => page().locator('.village-item').allInnerTexts()
const boardVillage = () => page().locator('.board-header__village').innerText()

async function screenshot(name: string) {
  const shot = path.join(artifactsDir('e2e'), name)
  await page().screenshot({ path: shot, fullPage: true })
  expect(fs.statSync(shot).size).toBeGreaterThan(10_000)
}

test('a new visitor opens 今日公告 and sees the township’s villages right there, with a search box', async () => {
  await page().goto(`${session.server.baseUrl}/#/pages/board/index`)
  await page().locator('.board-welcome').waitFor()
  await page().locator('.village-item').first().waitFor()
  const names = await villageNames()
  expect(names.map((n) => n.replace(/\s*›$/, ''))).toEqual(FANGGANG_VILLAGES.map((v) => v.name))
  // The box appears above 20 villages (SEARCH_ABOVE in src/components/VillagePicker).
  expect(FANGGANG_VILLAGES.length).toBeGreaterThan(20)
  expect(await page().locator('.village-search input').isVisible()).toBe(true)
  // Nothing to choose from the "还没有选择村庄" dead end of before: the list is the screen.
  expect(await page().locator('text=还没有选择村庄').count()).toBe(0)
  await screenshot('first-screen.png')
})

test('the search box narrows the list as the visitor types, and says when nothing matches', async () => {
  const search = page().locator('.village-search input')
  const withFang = FANGGANG_VILLAGES.filter((v) => v.name.includes('方')).map((v) => v.name)
  expect(withFang.length).toBeGreaterThan(1)
  await search.fill('方')
  await page().waitForFunction((n) => document.querySelectorAll('.village-item').length === n, withFang.length)
  expect((await villageNames()).map((n) => n.replace(/\s*›$/, ''))).toEqual(withFang)
  await search.fill('不存在的村')
  await page().locator('.village-list__none', { hasText: '没有名字里含“不存在的村”的村' }).waitFor()
  expect(await page().locator('.village-item').count()).toBe(0)
  await search.fill('帖沟')
  await page().waitForFunction(() => document.querySelectorAll('.village-item').length === 1)
  await screenshot('first-screen-search.png')
})

test('choosing a village opens its board at once', async () => {
  await page().locator('.village-item', { hasText: '帖沟村' }).click()
  await page().locator('.board-header__village', { hasText: '帖沟村' }).waitFor()
  expect(await page().locator('.board-welcome').count()).toBe(0)
  await screenshot('first-screen-chosen.png')
})

test('the choice is remembered: the next visit opens straight on that village’s board', async () => {
  await page().goto('about:blank')
  await page().goto(`${session.server.baseUrl}/#/pages/board/index`)
  await page().locator('.board-header__village').waitFor()
  expect(await boardVillage()).toContain('帖沟村')
  expect(await page().locator('.village-item').count()).toBe(0)
})

test('切换村庄 shows the same list, marks the current village, and a new choice opens that board', async () => {
  await page().locator('.board-page__switch').click()
  await page().locator('.villages-page .village-picker').waitFor()
  await page().locator('.village-item').first().waitFor()
  expect(await page().locator('.village-item').count()).toBe(FANGGANG_VILLAGES.length)
  expect(await page().locator('.village-search input').isVisible()).toBe(true)
  expect(await page().locator('.village-item', { hasText: '帖沟村' }).locator('.village-item__current').innerText()).toBe('当前')
  await page().locator('.village-item', { hasText: '刘岗村' }).click()
  await page().locator('.board-header__village', { hasText: '刘岗村' }).waitFor()
})

test('in a township with more villages than one page, a search also finds those not loaded yet', async () => {
  // 方岗镇's 24 and 40 more: past the 50 villages of one page of village.list.
  for (let n = 1; n <= 40; n++) {
    await session.server.deps.store.insert('villages', { _id: `extra${n}`, townshipId: 'fanggang', name: `新增村${n}`, order: 100 + n })
  }
  await page().goto('about:blank')
  await page().goto(`${session.server.baseUrl}/#/pages/villages/index`)
  await page().locator('.village-item').first().waitFor()
  expect(await page().locator('.village-item').count()).toBe(50)
  await page().locator('.village-search input').fill('新增村40')
  await page().locator('.village-item', { hasText: '新增村40' }).waitFor()
  expect(await villageNames()).toHaveLength(1)
  expect(session.browser.pageErrors.filter((e) => e.startsWith('pageerror'))).toEqual([])
})
