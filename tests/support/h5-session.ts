import type { Page } from 'playwright-core'
import { requireBuildOutput } from './build-output'
import { launchBrowser, openRoute, signInAsDemo, type Browser } from './browser'
import { startLocalServer, type RunningLocalServer } from './local-server'
import { DEFAULT_NOW } from './app-harness'

/** One end-to-end file's world: the real local server over the H5 build and a phone-sized Chromium. */
export interface H5Session {
  readonly server: RunningLocalServer
  readonly browser: Browser
  readonly page: Page
  /** Opens an H5 route afresh (through a blank page, so the route's page and data reload). */
  open(route: string): Promise<void>
  /** Signs in through 我的 → 演示登录; waits for `expectedName` when given. */
  signInAs(openid: string, expectedName?: string): Promise<void>
  /** Calls the api as `openid`, the way the page's own client does. */
  api(openid: string, action: string, data: unknown): Promise<{ status: number; body: any }>
}

/**
 * Registers the file's set-up and tear-down: the server and the browser start once, both clocks at
 * `now` (the browser's flows on from there), a 20 s default wait; after each test, page errors that
 * test produced are printed (they stay in `browser.pageErrors` for tests that assert on them).
 */
export function useH5Session(options: { now?: string } = {}): H5Session {
  let server: RunningLocalServer | undefined
  let browser: Browser | undefined
  let reported = 0
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the H5 session's ${what} is used before beforeAll started it`)
    return value
  }

  beforeAll(async () => {
    const h5Dir = requireBuildOutput('h5', ['index.html'])
    const start = new Date(options.now ?? DEFAULT_NOW)
    server = await startLocalServer({ h5Dir, now: start })
    browser = await launchBrowser()
    await browser.context.clock.install({ time: start })
    browser.page.setDefaultTimeout(20_000)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  afterEach(() => {
    if (!browser) return
    if (browser.pageErrors.length < reported) reported = 0 // a test cleared them
    const fresh = browser.pageErrors.slice(reported)
    reported = browser.pageErrors.length
    if (fresh.length) console.warn(`browser errors:\n${fresh.join('\n')}`)
  })

  return {
    get server() {
      return started(server, 'server')
    },
    get browser() {
      return started(browser, 'browser')
    },
    get page() {
      return started(browser, 'browser').page
    },
    open(route) {
      return openRoute(this.page, this.server.baseUrl, route)
    },
    signInAs(openid, expectedName) {
      return signInAsDemo(this.page, this.server.baseUrl, openid, expectedName)
    },
    api(openid, action, data) {
      return this.server.post('/cloud/api', { action, data }, { 'X-Demo-Openid': openid })
    },
  }
}

/** A real JPEG the browser draws (a coloured card with a white patch): what the H5 photo pickers decode and compress. */
export async function drawnJpeg(page: Page, color: string): Promise<Buffer> {
  const dataUrl = await page.evaluate((fill) => {
    const canvas = document.createElement('canvas')
    canvas.width = 320
    canvas.height = 240
    const g = canvas.getContext('2d')!
    g.fillStyle = fill
    g.fillRect(0, 0, 320, 240)
    g.fillStyle = '#fff'
    g.fillRect(40, 40, 120, 80)
    return canvas.toDataURL('image/jpeg', 0.8)
  }, color)
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}
