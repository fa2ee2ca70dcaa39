/**
 * Runs the built mini-program (`dist/weapp`, Taro's output, exactly what is uploaded to WeChat) in
 * WeChat's official template compiler via miniprogram-simulate 1.6.2 (`compiler: 'official'`, its bundled
 * Linux `wcc`), under jest's jsdom. Only for suites with the `@jest-environment jsdom` docblock.
 *
 * What WeChat would provide is stood in for here: the `wx` API (simulate's mocks, plus working
 * storage and a `wx.cloud` whose `callFunction` the suite supplies), `App`, `getApp`,
 * `getCurrentPages`, and `Page` — mapped to simulate's `Component`, with the page's lifecycles called
 * by hand as WeChat would call them (onLoad → onShow → onReady).
 */
import fs from 'node:fs'
import path from 'node:path'

/** The subset of j-component's node wrapper used here. */
export interface SimNode {
  dom: HTMLElement
  instance: Record<string, any>
  data: Record<string, any>
  querySelector(selector: string): SimNode | undefined
  querySelectorAll(selector: string): SimNode[]
  dispatchEvent(name: string, options?: { detail?: unknown }): void
  attach(parent: Element): void
  detach(): void
}

interface Simulate {
  load(componentPath: string, options: { compiler: 'official'; rootPath: string }): string
  render(id: string, properties?: Record<string, unknown>): SimNode
}

export type CallFunction = (request: { name: string; data: any }) => Promise<{ result: unknown; errMsg?: string }>

export interface SimPage {
  route: string
  node: SimNode
  /** The page's instance (what `this` is inside the Page config): onPullDownRefresh, onShareAppMessage… */
  instance: Record<string, any>
  /** Visible text of the rendered page. */
  text(): string
  /** Nodes matching a class selector anywhere in the page, looking inside Taro's nested `comp` components too. */
  findAll(selector: string): SimNode[]
  /** Dispatches a WeChat `tap` on the first node matching `selector` (fails if there is none). */
  tap(selector: string): void
  unload(): void
}

export interface WeappSimulator {
  /** Everything written to wx storage, by key. */
  storage: Map<string, unknown>
  /** Calls to wx.showToast, navigateTo, stopPullDownRefresh, … in order. */
  wxCalls: Array<{ api: string; arg: unknown }>
  /** Loads a page of the build (e.g. `pages/board/index`) and runs onLoad/onShow/onReady. */
  openPage(route: string, query?: Record<string, string>): SimPage
}

/** Waits by polling until `check` returns something truthy (or stops throwing); fails with `what` on timeout. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value as NonNullable<T>
      lastError = undefined
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : ''
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

let installed: WeappSimulator | null = null

/**
 * Installs the WeChat globals and loads `dist/weapp/app.js` (which calls `App(...)`), then launches the
 * app. Once per test file: jest gives each file a fresh module registry and global object.
 */
export function installWeappSimulator(distDir: string, callFunction: CallFunction): WeappSimulator {
  if (installed) throw new Error('installWeappSimulator: call it once per test file')
  const g = globalThis as any
  const storage = new Map<string, unknown>()
  const wxCalls: WeappSimulator['wxCalls'] = []
  const record = (api: string) => (arg: any = {}) => {
    wxCalls.push({ api, arg })
    const res = { errMsg: `${api}:ok` }
    arg?.success?.(res)
    arg?.complete?.(res)
    return Promise.resolve(res)
  }

  // Overrides merged over miniprogram-simulate's mocks (it keeps an existing global wx's keys).
  g.wx = {
    cloud: {
      init: (options: unknown) => wxCalls.push({ api: 'cloud.init', arg: options }),
      callFunction: (request: { name: string; data: any; success?: (r: unknown) => void; fail?: (e: unknown) => void }) => {
        wxCalls.push({ api: 'cloud.callFunction', arg: { name: request.name, data: request.data } })
        const answer = callFunction({ name: request.name, data: request.data })
        answer.then((r) => request.success?.(r), (e) => request.fail?.(e))
        return answer
      },
    },
    getStorageSync: (key: string) => (storage.has(key) ? structuredClone(storage.get(key)) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, structuredClone(value)),
    removeStorageSync: (key: string) => void storage.delete(key),
    showToast: record('showToast'),
    showModal: record('showModal'),
    showLoading: record('showLoading'),
    hideLoading: record('hideLoading'),
    navigateTo: record('navigateTo'),
    navigateBack: record('navigateBack'),
    switchTab: record('switchTab'),
    redirectTo: record('redirectTo'),
    stopPullDownRefresh: record('stopPullDownRefresh'),
    showShareMenu: record('showShareMenu'),
  }
  // structuredClone is missing from jsdom's global in jest 29.
  if (typeof g.structuredClone !== 'function') g.structuredClone = (v: unknown) => (v === undefined ? v : JSON.parse(JSON.stringify(v)))

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Simulate

  let appConfig: Record<string, any> | null = null
  const pageStack: Array<Record<string, any>> = []
  g.App = (config: Record<string, any>) => {
    appConfig = config
  }
  g.getApp = () => appConfig
  g.getCurrentPages = () => pageStack.slice()
  // WeChat's Page() takes its lifecycles and event handlers at the top level; Component() wants them
  // under `methods`, so they become callable on the instance (and `eh`, Taro's event handler, reachable).
  g.Page = (options: Record<string, any>) => {
    const methods: Record<string, unknown> = {}
    const rest: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'function') methods[key] = value
      else rest[key] = value
    }
    return g.Component({ ...rest, methods: { ...(options.methods ?? {}), ...methods } })
  }

  const appJs = path.join(distDir, 'app.js')
  if (!fs.existsSync(appJs)) throw new Error(`${appJs} not found: build the mini-program first (npm run build:weapp)`)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(appJs)
  const app = appConfig as Record<string, any> | null
  if (!app) throw new Error('dist/weapp/app.js did not call App()')
  const appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { pages: string[] }
  const launch = { path: appJson.pages[0], query: {}, scene: 1001 }
  app.onLaunch?.(launch)
  app.onShow?.(launch)

  // A page's JS runs once per file (jest's registry keeps the module), so its definition is reused.
  const loaded = new Map<string, string>()
  const openPage = (route: string, query: Record<string, string> = {}): SimPage => {
    let id = loaded.get(route)
    if (!id) {
      id = simulate.load(path.join(distDir, route), { compiler: 'official', rootPath: distDir })
      loaded.set(route, id)
    }
    const node = simulate.render(id)
    const container = document.createElement('div')
    container.setAttribute('data-route', route)
    document.body.appendChild(container)
    node.attach(container)
    const instance = node.instance
    // What WeChat sets on a page instance before onLoad.
    instance.route = route
    instance.__route__ = route
    pageStack.push(instance)
    instance.onLoad?.(query)
    instance.onShow?.()
    instance.onReady?.()

    const findAll = (selector: string): SimNode[] => {
      const found: SimNode[] = []
      const visit = (n: SimNode) => {
        found.push(...n.querySelectorAll(selector))
        // Taro renders deep trees through its recursive `comp` custom component.
        for (const child of n.querySelectorAll('comp')) visit(child)
      }
      visit(node)
      return found
    }
    return {
      route,
      node,
      instance,
      text: () => (node.dom.textContent ?? '').replace(/\s+/g, ' ').trim(),
      findAll,
      tap(selector: string) {
        const target = findAll(selector)[0]
        if (!target) throw new Error(`${route}: nothing matches ${selector} to tap`)
        target.dispatchEvent('tap')
      },
      unload() {
        instance.onHide?.()
        instance.onUnload?.()
        const at = pageStack.indexOf(instance)
        if (at >= 0) pageStack.splice(at, 1)
        node.detach()
        container.remove()
      },
    }
  }

  installed = { storage, wxCalls, openPage }
  return installed
}
