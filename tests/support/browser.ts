import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium (`apt-get install chromium fonts-noto-cjk`); .ci/run installs it when missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The flags every headless Chromium here needs: no sandbox as root, no network beyond localhost. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export interface Browser {
  context: BrowserContext
  page: Page
  /** Every console error and uncaught page error seen so far, for assertions and failure messages. */
  pageErrors: string[]
  close(): Promise<void>
}

/**
 * A headless Chromium with a fresh, throw-away profile (so no storage leaks between runs),
 * sized like a phone since the H5 build is a mobile page.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with: ` +
        'apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk',
    )
  }
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-chromium-'))
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    // Failed loads are reported below with their address; Chromium's console line has none.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      pageErrors.push(`console.error: ${message.text()}`)
    }
  })
  page.on('response', (response) => {
    if (response.status() >= 400) pageErrors.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`)
  })
  page.on('requestfailed', (request) => {
    pageErrors.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`)
  })
  return {
    context,
    page,
    pageErrors,
    async close() {
      await context.close().catch(() => undefined)
      fs.rmSync(profileDir, { recursive: true, force: true })
    },
  }
}

/** Opens an H5 route afresh: through a blank page, so a hash route reloads its page and data. */
export async function openRoute(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(`${baseUrl}/#${route}`)
}

/** Signs in through 我的 → 演示登录 as `openid` (local mode only); waits for `expectedName` when given. */
export async function signInAsDemo(page: Page, baseUrl: string, openid: string, expectedName?: string): Promise<void> {
  await openRoute(page, baseUrl, '/pages/me/index')
  await page.locator(`.demo-person[data-openid="${openid}"] .demo-person__login`).click()
  await page.waitForSelector(`.demo-person--current[data-openid="${openid}"]`)
  if (expectedName) await page.locator('.me-who__name', { hasText: expectedName }).waitFor()
}
