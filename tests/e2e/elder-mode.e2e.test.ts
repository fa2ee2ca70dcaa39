/**
 * 长辈模式 in headless Chromium against the H5 build: the switch in 我的 enlarges text and tap
 * targets by at least 1.25× on every page, is remembered on the device, and leaves the pages
 * usable (nothing wider than the screen, no text clipped or overlapping). Screenshots of the board,
 * a form and a list in both modes go to .artifacts/elder-mode/.
 *
 * Needs `dist/h5` (`npm run build:h5`) and /usr/bin/chromium.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { artifactsDir } from '../support/build-output'
import { useH5Session } from '../support/h5-session'

jest.setTimeout(180_000)

const CADRE = 'demo-cadre-tiegou'

const session = useH5Session()
let page: Page

/** The pages compared, each with an element whose text size and one whose tap height are measured. */
const PAGES = [
  { name: 'board', route: '/pages/board/index', ready: '.board-entry', text: '.entry-text', tap: '.morning-reminder' },
  { name: 'form', route: '/cadre/draft/index', ready: '.draft-form', text: '.draft-form__label', tap: '.draft-submit' },
  { name: 'list', route: '/pages/history/index', ready: '.history-item', text: '.history-item__date', tap: '.history-item' },
] as const

async function open(route: string, ready: string): Promise<void> {
  await session.open(route)
  await page.locator(ready).first().waitFor()
  await page.waitForTimeout(700) // the page's slide-in
}

/** Font size of `text` and height of `tap`, in CSS pixels. */
const measure = (text: string, tap: string) =>
  page.evaluate(
    ([t, b]) => ({
      font: parseFloat(getComputedStyle(document.querySelector(t)!).fontSize),
      tap: document.querySelector(b)!.getBoundingClientRect().height,
    }),
    [text, tap] as const,
  )

/**
 * What would make a page unusable: content wider than the screen, text cut off by its box, or two
 * pieces of text drawn over each other. Answers a description of each problem found.
 */
const layoutProblems = () =>
  page.evaluate(() => {
    const problems: string[] = []
    const root = document.querySelector('.taro_page:not([style*="display: none"])') ?? document.body
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`page ${document.documentElement.scrollWidth}px wide on a ${window.innerWidth}px screen`)
    const texts = [...root.querySelectorAll<HTMLElement>('*')].filter(
      (el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) && el.getClientRects().length > 0,
    )
    for (const el of texts) {
      const style = getComputedStyle(el)
      const clips = style.overflow !== 'visible' || style.overflowX !== 'visible'
      if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) && el.tagName !== 'TEXTAREA') {
        problems.push(`clipped: ${el.className || el.tagName} "${el.textContent!.trim().slice(0, 20)}"`)
      }
    }
    const boxes = texts.map((el) => {
      const range = document.createRange()
      range.selectNodeContents(el)
      return { el, rects: [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0) }
    })
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]
        const b = boxes[j]
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue
        const hit = a.rects.some((r) => b.rects.some((s) => r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1))
        if (hit) problems.push(`overlap: "${a.el.textContent!.trim().slice(0, 12)}" / "${b.el.textContent!.trim().slice(0, 12)}"`)
      }
    }
    return problems
  })

/** The page's top, and its bottom after scrolling there (H5 pages scroll inside the app's frame). */
async function screenshots(name: string, mode: string) {
  const dir = artifactsDir('elder-mode')
  await page.screenshot({ path: path.join(dir, `${name}-${mode}.png`) })
  await page.mouse.move(195, 400)
  await page.mouse.wheel(0, 5000)
  await page.waitForTimeout(400)
  await page.screenshot({ path: path.join(dir, `${name}-${mode}-bottom.png`) })
}

async function setElderMode(on: boolean) {
  await open('/pages/me/index', '.me-elder__switch')
  const isOn = await page.evaluate(() => document.documentElement.classList.contains('elder-mode'))
  if (isOn !== on) await page.click('.me-elder__switch')
  await page.waitForFunction((want) => document.documentElement.classList.contains('elder-mode') === want, on)
}

beforeAll(async () => {
  page = session.page
  // A cadre of 帖沟村 (the seeded week of boards is there): sees the board, the draft form and 往期.
  await session.signInAs(CADRE)
})

test('the switch in 我的 enlarges every page by at least 1.25×, keeps pages usable, and is remembered', async () => {
  const normal: Record<string, { font: number; tap: number }> = {}
  await setElderMode(false)
  for (const p of PAGES) {
    await open(p.route, p.ready)
    normal[p.name] = await measure(p.text, p.tap)
    await screenshots(p.name, 'normal')
    expect({ page: p.name, problems: await layoutProblems() }).toEqual({ page: p.name, problems: [] })
  }

  await setElderMode(true)
  // Remembered on the device: a fresh load comes back in 长辈模式.
  await page.reload()
  await page.waitForFunction(() => document.documentElement.classList.contains('elder-mode'))
  const report: string[] = []
  for (const p of PAGES) {
    await open(p.route, p.ready)
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder-mode'))).toBe(true)
    const large = await measure(p.text, p.tap)
    await screenshots(p.name, 'elder')
    report.push(`${p.name}: text ${normal[p.name].font}→${large.font}px (×${(large.font / normal[p.name].font).toFixed(2)}), tap target ${Math.round(normal[p.name].tap)}→${Math.round(large.tap)}px (×${(large.tap / normal[p.name].tap).toFixed(2)})`)
    expect(large.font / normal[p.name].font).toBeGreaterThanOrEqual(1.249)
    expect(large.tap / normal[p.name].tap).toBeGreaterThanOrEqual(1.249)
    expect({ page: p.name, problems: await layoutProblems() }).toEqual({ page: p.name, problems: [] })
  }
  console.log(`长辈模式:\n  ${report.join('\n  ')}`)

  // And off again, for this device.
  await setElderMode(false)
  await page.reload()
  await page.locator('.me-elder__switch').waitFor()
  expect(await page.evaluate(() => document.documentElement.classList.contains('elder-mode'))).toBe(false)
})
