/**
 * @jest-environment jsdom
 */
/**
 * The built mini-program (`dist/weapp`) in WeChat's official template compiler (miniprogram-simulate
 * 1.6.2, `compiler: 'official'`): each tab page renders its Chinese content from real data, and taps
 * and pull-to-refresh reach the app's state.
 *
 * `wx.cloud.callFunction` is stubbed, but its answers are real: each call runs through the same router
 * the `api` cloud function runs, over an in-memory SQLite store seeded with 方岗镇 (tests/support/app-harness).
 * Needs `dist/weapp` (`npm run build:weapp`; `npm test` builds it first).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO, makeTestApp, type TestApp } from '../support/app-harness'
import { requireBuildOutput } from '../support/build-output'
import { installWeappSimulator, waitFor, type SimPage, type WeappSimulator } from '../support/weapp-simulator'
import { chinaDay, chineseDate } from '../../core/time'

jest.setTimeout(60_000)

let backend: TestApp
let sim: WeappSimulator
/** Who WeChat says is calling (the OPENID the cloud function would read from its context). */
let caller: string | null = DEMO.villager
const open: SimPage[] = []

let DIST = ''

beforeAll(async () => {
  const distDir = requireBuildOutput('weapp', ['app.js', 'app.json', 'base.wxml', 'pages/board/index.js', 'pages/history/index.js', 'pages/me/index.js'])
  DIST = distDir
  backend = await makeTestApp()
  sim = installWeappSimulator(distDir, async ({ name, data }) => {
    if (name !== 'api') throw new Error(`cloud function ${name} does not exist`)
    // A copy, as if it crossed the network: the page must not share objects with the store.
    return { result: JSON.parse(JSON.stringify(await backend.callRaw(caller, data))), errMsg: 'cloud.callFunction:ok' }
  })
})

afterEach(() => {
  while (open.length) open.pop()!.unload()
})

afterAll(() => backend?.close())

function openPage(route: string, query?: Record<string, string>): SimPage {
  const page = sim.openPage(route, query)
  open.push(page)
  return page
}

const today = () => chinaDay(backend.clock.now)

async function todaysBoard(openid: string | null) {
  const res = await backend.call(openid, 'board.get', { villageId: 'tiegou' })
  if (!res.ok || !res.data) throw new Error(`the seed has no board for 帖沟村 today: ${JSON.stringify(res)}`)
  return res.data as { entries: Array<{ kind: string; subjectLabel: string; text: string; noticeId: string }>; script: string }
}

describe('今日公告 (pages/board/index)', () => {
  test('renders today’s board of the caller’s village from the cloud function, criticised names masked', async () => {
    caller = DEMO.villager
    const board = await todaysBoard(caller)
    const page = openPage('pages/board/index')
    await waitFor('the board entries', () => page.findAll('.board-entry').length === board.entries.length && board.entries.length > 0)
    const text = page.text()
    expect(text).toContain('帖沟村')
    expect(text).toContain('表扬曝光台')
    expect(text).toContain(chineseDate(today()))
    for (const entry of board.entries) {
      expect(text).toContain(entry.subjectLabel)
      expect(text).toContain(entry.text)
    }
    // The seed criticises 赵国庆 and 周宏伟; the public board shows neither full name.
    const criticism = board.entries.filter((e) => e.kind === 'criticism')
    expect(criticism.length).toBeGreaterThan(0)
    for (const e of criticism) expect(e.subjectLabel).toMatch(/某/)
    expect(text).not.toMatch(/赵国庆|周宏伟/)
    // It went through wx.cloud.callFunction('api'), as in WeChat.
    expect(sim.wxCalls).toContainEqual({ api: 'cloud.callFunction', arg: { name: 'api', data: { action: 'board.get', data: { villageId: 'tiegou' } } } })
  })

  test('a tap on 广播稿 unfolds the loudspeaker script and a second tap folds it', async () => {
    caller = DEMO.villager
    const board = await todaysBoard(caller)
    const page = openPage('pages/board/index')
    await waitFor('the 广播稿 toggle', () => page.findAll('.board-script__toggle').length === 1)
    expect(page.findAll('.board-script__text')).toHaveLength(0)
    expect(page.text()).toContain('展开')

    page.tap('.board-script__toggle')
    await waitFor('the script to unfold', () => page.findAll('.board-script__text').length === 1)
    const firstLine = board.script.split('\n')[0]
    expect(page.text()).toContain(firstLine)
    expect(page.text()).toContain('收起')

    page.tap('.board-script__toggle')
    await waitFor('the script to fold', () => page.findAll('.board-script__text').length === 0)
  })

  test('pull-to-refresh reloads the board: a criticism marked 整改完成 meanwhile shows 已整改', async () => {
    caller = DEMO.villager
    const page = openPage('pages/board/index')
    await waitFor('the board entries', () => page.findAll('.board-entry--criticism').length > 0)
    expect(page.findAll('.rectified-badge')).toHaveLength(0)

    // Meanwhile a cadre marks one criticism rectified (through the real router).
    const target = (await todaysBoard(DEMO.cadre)).entries.find((e) => e.kind === 'criticism')!
    const marked = await backend.call(DEMO.cadre, 'notice.markRectified', { noticeId: target.noticeId })
    expect(marked.ok).toBe(true)

    const before = sim.wxCalls.length
    page.instance.onPullDownRefresh()
    await waitFor('已整改 after the refresh', () => page.findAll('.rectified-badge').length === 1)
    expect(page.text()).toContain('已整改')
    const during = sim.wxCalls.slice(before)
    expect(during).toContainEqual({ api: 'cloud.callFunction', arg: { name: 'api', data: { action: 'board.get', data: { villageId: 'tiegou' } } } })
    await waitFor('wx.stopPullDownRefresh', () => sim.wxCalls.slice(before).some((c) => c.api === 'stopPullDownRefresh'))
  })

  test('a tap on 切换村庄 opens the village switcher', async () => {
    caller = DEMO.villager
    const page = openPage('pages/board/index')
    await waitFor('the board', () => page.findAll('.board-page__switch').length === 1)
    const before = sim.wxCalls.length
    page.tap('.board-page__switch')
    const nav = await waitFor('wx.navigateTo', () => sim.wxCalls.slice(before).find((c) => c.api === 'navigateTo'))
    expect((nav.arg as { url: string }).url).toBe('/pages/villages/index')
  })
})

describe('the first screen of a visitor with no village chosen (pages/board/index)', () => {
  test('lists the township’s villages with a search box; a tap opens that village’s board and is remembered', async () => {
    caller = 'o-first-time-visitor'
    sim.storage.clear()
    const page = openPage('pages/board/index')
    const items = await waitFor('the village list', () => {
      const found = page.findAll('.village-item')
      return found.length === 24 ? found : null
    })
    expect(page.text()).toContain('请选择您所在的村')
    expect(page.findAll('.village-search')).toHaveLength(1)
    const tiegou = items.find((node) => node.dom.textContent?.includes('帖沟村'))
    if (!tiegou) throw new Error('帖沟村 is not in the list')
    tiegou.dispatchEvent('tap')
    await waitFor('帖沟村’s board', () => page.findAll('.board-entry').length > 0)
    expect(page.text()).toContain('帖沟村')
    expect(page.findAll('.village-item')).toHaveLength(0)
    expect(sim.storage.get('fsb:chosenVillage')).toEqual({ id: 'tiegou', name: '帖沟村' })
  })
})

describe('往期 (pages/history/index)', () => {
  test('lists the village’s published days, newest first, with their counts', async () => {
    caller = DEMO.villager
    const res = await backend.call(caller, 'board.listDates', { villageId: 'tiegou', limit: 20 })
    if (!res.ok) throw new Error(JSON.stringify(res))
    const dates = res.data.items as Array<{ date: string; praiseCount: number; criticismCount: number }>
    expect(dates.length).toBeGreaterThanOrEqual(7)

    const page = openPage('pages/history/index')
    await waitFor('the dates', () => page.findAll('.history-item').length === dates.length)
    const rows = page.findAll('.history-item').map((n) => (n.dom.textContent ?? '').replace(/\s+/g, ' ').trim())
    dates.forEach((d, i) => {
      expect(rows[i]).toContain(chineseDate(d.date))
      expect(rows[i]).toContain(`表扬 ${d.praiseCount} · 曝光 ${d.criticismCount}`)
    })
    expect(rows[0]).toContain(chineseDate(today()))
    expect(page.text()).toContain('帖沟村')
  })

  test('a tap on a day opens that day’s board', async () => {
    caller = DEMO.villager
    const page = openPage('pages/history/index')
    await waitFor('the dates', () => page.findAll('.history-item').length > 0)
    const before = sim.wxCalls.length
    page.tap('.history-item')
    const nav = await waitFor('wx.navigateTo', () => sim.wxCalls.slice(before).find((c) => c.api === 'navigateTo'))
    expect((nav.arg as { url: string }).url).toBe(`/pages/day/index?villageId=tiegou&date=${today()}`)
  })
})

describe('我的 (pages/me/index)', () => {
  test('shows the secretary’s name, role and village, and the cadre links; no demo login in WeChat', async () => {
    caller = DEMO.secretary
    const page = openPage('pages/me/index')
    await waitFor('the role', () => page.text().includes('村党支部书记'))
    await waitFor('the village name', () => page.text().includes('帖沟村'))
    const text = page.text()
    expect(text).toContain('王志刚')
    expect(text).toContain('帖沟村')
    expect(text).toContain('起草表扬/曝光')
    expect(text).toContain('审核公告')
    expect(text).not.toContain('演示登录')
  })

  test('shows a villager as 村民 of 帖沟村 without cadre links', async () => {
    caller = DEMO.villager
    const page = openPage('pages/me/index')
    await waitFor('the name', () => page.text().includes('李桂兰'))
    await waitFor('the bound village', () => page.text().includes('帖沟村'))
    const text = page.text()
    expect(text).toContain('村民')
    expect(text).not.toContain('起草表扬/曝光')
  })

  test('a tap on 起草表扬/曝光 navigates into the cadre subpackage', async () => {
    caller = DEMO.cadre
    const page = openPage('pages/me/index')
    await waitFor('the cadre links', () => page.findAll('.me-link--draft').length === 1)
    const before = sim.wxCalls.length
    page.tap('.me-link--draft')
    const nav = await waitFor('wx.navigateTo', () => sim.wxCalls.slice(before).find((c) => c.api === 'navigateTo'))
    expect((nav.arg as { url: string }).url).toBe('/cadre/draft/index')
  })
})

describe('长辈模式 in the mini-program', () => {
  test('the switch in 我的 puts the large-text class on this page and on every page opened after, and is remembered', async () => {
    caller = DEMO.villager
    const me = openPage('pages/me/index')
    const elderSwitch = await waitFor('the 长辈模式 switch', () => me.findAll('.me-elder__switch')[0])
    expect(me.findAll('.elder-mode')).toHaveLength(0)
    elderSwitch.dispatchEvent('change', { detail: { value: true } })
    await waitFor('the class on 我的', () => me.findAll('.elder-mode').length === 1)
    expect([...sim.storage.entries()].find(([key]) => key.endsWith('elderMode'))?.[1]).toBe(true)

    const board = openPage('pages/board/index')
    await waitFor('the class on 今日公告', () => board.findAll('.elder-mode').length === 1)
    // The class's variables are what every size of the build scales with.
    expect(readFileSync(join(DIST, 'app-origin.wxss'), 'utf8')).toContain('.elder-mode{--elder-text:1.25;--elder-tap:1.25}')
    expect(readFileSync(join(DIST, 'pages/board/index.wxss'), 'utf8')).toMatch(/font-size:calc\(\d+rpx\*var\(--elder-text, 1\)\)/)

    elderSwitch.dispatchEvent('change', { detail: { value: false } })
    await waitFor('the class gone from 我的', () => me.findAll('.elder-mode').length === 0)
  })
})

describe('输入邀请码 (join/redeem/index)', () => {
  test('opened by scanning an invitation code (scene = the code), the newcomer gives their name and holds the role', async () => {
    const created = await backend.call(DEMO.admin, 'invite.create', { role: 'cadre', villageId: 'fangbei' })
    if (!created.ok) throw new Error(JSON.stringify(created.error))
    caller = 'scanned-newcomer'
    const page = openPage('join/redeem/index', { scene: encodeURIComponent(created.data.code) })
    const inputs = await waitFor('the two inputs', () => (page.findAll('.redeem-input').length === 2 ? page.findAll('.redeem-input') : null))
    inputs[1].dispatchEvent('input', { detail: { value: '扫码人' } })
    await new Promise((resolve) => setTimeout(resolve, 50))
    page.tap('.redeem-submit')
    await waitFor('the welcome', () => page.text().includes('欢迎，扫码人'))
    const me = await backend.call('scanned-newcomer', 'me.get', {})
    expect(me.ok && me.data.grants).toEqual(expect.arrayContaining([{ role: 'cadre', villageId: 'fangbei' }]))
  })
})
