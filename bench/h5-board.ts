import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { buildLocalServer } from '../server/app'
import { createLocalDeps } from '../server/local-deps'
import { seedIfEmpty } from '../backend/seed/seed'
import { publishDueNotices } from '../backend/publish/publish-due'
import { toDoc } from '../backend/repository'
import { addDays, chinaDay } from '../core/time'
import { makeNotice } from '../tests/support/factories'
import { CHROMIUM_ARGS as FLAGS, CHROMIUM_PATH as CHROMIUM } from '../tests/support/browser'
import { median } from './util'


export interface H5Timing {
  runs: number
  /** Milliseconds from navigation start (in the page's own clock) until the element was visible. */
  boardFirstEntryMs: number[]
  helloFirstTextMs: number[]
  boardMedianMs: number
  helloMedianMs: number
}

/**
 * Records in the page, from navigation start, the first frame in which `selector` matches a visible
 * element: measured by the page's clock, so Playwright's polling adds nothing.
 */
const watchScript = (selector: string) => `(() => {
  const check = () => {
    const el = document.querySelector(${JSON.stringify(selector)})
    if (el) {
      const box = el.getBoundingClientRect()
      if (box.width > 0 && box.height > 0 && (el.textContent || '').trim().length > 0) {
        window.__firstVisibleMs = performance.now()
        return
      }
    }
    requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})()`

/** One cold browser (fresh profile), one page load, the time until `selector` shows. */
async function coldLoad(url: string, selector: string, localStorage: Record<string, string>): Promise<number> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-bench-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.addInitScript(
      ({ entries }) => {
        for (const [key, value] of entries) window.localStorage.setItem(key, value)
      },
      { entries: Object.entries(localStorage) },
    )
    await page.addInitScript(watchScript(selector))
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(url, { waitUntil: 'commit' })
    try {
      await page.waitForFunction(() => typeof (window as unknown as { __firstVisibleMs?: number }).__firstVisibleMs === 'number', undefined, {
        timeout: 60_000,
        polling: 50,
      })
    } catch (error) {
      const text = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '')
      throw new Error(`${selector} never showed on ${url}: ${String(error).split('\n')[0]}; page text: ${text.slice(0, 200).replace(/\s+/g, ' ')}; page errors: ${errors.join('; ')}`)
    }
    return await page.evaluate(() => (window as unknown as { __firstVisibleMs: number }).__firstVisibleMs)
  } finally {
    await context.close().catch(() => undefined)
    fs.rmSync(profile, { recursive: true, force: true })
  }
}

/** A local server over a seeded temp DATA_DIR, sure to have today's board for 帖沟村 with entries. */
async function startBoardServer(h5Dir: string): Promise<{ app: FastifyInstance; url: string; close: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-bench-data-'))
  const { deps, close } = createLocalDeps(dataDir)
  const today = chinaDay(deps.now())
  await seedIfEmpty(deps, today)
  // Before 07:00 China the seed has no board for today yet, and a run near midnight may see the
  // browser's day turn: make sure 帖沟村 has a board with entries for today and for tomorrow.
  for (const day of [today, addDays(today, 1)]) {
    if (await deps.store.get('boards', `tiegou_${day}`)) continue
    for (const k of [0, 1]) {
      await deps.store.insert('notices', toDoc(makeNotice({ id: `bench-${day}-${k}`, publishDate: day, status: 'approved', boardDate: null, createdAt: deps.now().toISOString() })))
    }
    await publishDueNotices(deps, { date: day, villageId: 'tiegou' })
  }
  const app = await buildLocalServer({ deps, dataDir, h5Dir })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    app,
    url,
    close: async () => {
      await app.close()
      close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A plain static server for the hello world's H5 build (the same server code, no data behind it). */
async function startHelloServer(h5Dir: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-bench-hello-data-'))
  const { deps, close } = createLocalDeps(dataDir)
  const app = await buildLocalServer({ deps, dataDir, h5Dir })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    url,
    close: async () => {
      await app.close()
      close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * The H5 board page against the hello world's page, alternating cold loads so both see the same
 * machine: time until the first `.board-entry` shows, and until the hello world's text shows.
 */
export async function measureH5(options: { boardH5Dir: string; helloH5Dir: string; runs: number }): Promise<H5Timing> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`)
  const board = await startBoardServer(options.boardH5Dir)
  const hello = await startHelloServer(options.helloH5Dir)
  // Taro's H5 storage keeps `{ data: value }` as JSON (src/services/storage.ts reads it back).
  const chosen = { 'fsb:chosenVillage': JSON.stringify({ data: { id: 'tiegou', name: '帖沟村' } }) }
  const boardTimes: number[] = []
  const helloTimes: number[] = []
  try {
    // One unmeasured load of each, so the OS file cache is warm for both alike.
    await coldLoad(`${board.url}/`, '.board-entry', chosen)
    await coldLoad(`${hello.url}/`, '.hello', {})
    for (let i = 0; i < options.runs; i++) {
      boardTimes.push(await coldLoad(`${board.url}/`, '.board-entry', chosen))
      helloTimes.push(await coldLoad(`${hello.url}/`, '.hello', {}))
    }
  } finally {
    await board.close()
    await hello.close()
  }
  return { runs: options.runs, boardFirstEntryMs: boardTimes, helloFirstTextMs: helloTimes, boardMedianMs: median(boardTimes), helloMedianMs: median(helloTimes) }
}
