/**
 * `npm run bench`: figures and ratios, measured side by side in one run and printed, never asserted.
 * Writes the same as JSON to bench/results/latest.json (git-ignored).
 *
 *   --only=sizes,cloudfn,server,cloud,latency,h5   run some sections only
 *   --quick                                 small scales and few calls (for working on the bench itself)
 *   --rebuild                               rebuild dist/weapp and dist/h5 even if present
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSqliteStore, type SqliteStore } from '../backend/storage/sqlite'
import { COLLECTION_NAMES } from '../backend/storage/collections'
import { createCloudStore, type CloudDatabase } from '../backend/storage/cloud'
import { contentPipeline } from '../backend/content/pipeline'
import { newTimeOrderedId, type Deps } from '../backend/deps'
import { chinaDay } from '../core/time'
import { FANGGANG, DEMO_ADMIN_OPENID } from '../backend/seed/fanggang-data'
import { DEFAULT_NOW, TEST_PEPPER } from '../tests/support/app-harness'
import { startCloudbaseStandin } from '../tests/support/cloudbase-standin'
import { loadSdkAgainstStandin } from '../tests/support/wx-server-sdk-on-standin'
import { buildDataset, COUNTY, TOWNSHIP, type DatasetReport, type Scale } from './dataset'
import { localFileSink } from '../backend/files'
import { measureActions, measureRoundTrips, type ActionCost, type RoundTripCost } from './server-cost'
import { measureDailyPublish, type PublishRun } from './publish'
import { measureDashboard, type DashboardCost } from './dashboard'
import { measureAppBuilds, weappPackages, PACKAGE_LIMIT_BYTES, type MiniProgramSizes, type PackageSize } from './sizes'
import { buildHelloWorld, type HelloWorld } from './hello-world'
import { MAIN_TO_HELLO_LIMIT, readHelloReference } from './hello-reference'
import { measureCloudFunctions, type CloudFunctionsReport } from './cloud-functions'
import { measureH5, type H5Timing } from './h5-board'
import { ROOT, kb, ms, ratio, table, totalBytes } from './util'
import { LATENCY_MS, measureCloudLatency, type BoardReadCost, type LatencyPublish } from './cloud-latency'

const SECTIONS = ['sizes', 'cloudfn', 'server', 'cloud', 'latency', 'h5'] as const
type Section = (typeof SECTIONS)[number]

const args = process.argv.slice(2)
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') as Section[] | undefined
const quick = args.includes('--quick')
const rebuild = args.includes('--rebuild')
const wants = (section: Section) => !only || only.includes(section)
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`)

interface ScaleResult {
  dataset: DatasetReport
  publish: { first: PublishRun; second: PublishRun }
  actions: ActionCost[]
  dashboard?: DashboardCost[]
}

interface Results {
  generatedAt: string
  options: { quick: boolean; sections: Section[] }
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string }
  miniProgram?: { app: MiniProgramSizes; helloWorld: { packages: PackageSize[]; weappBytes: number; h5Bytes: number; weappBuildMs: number; h5BuildMs: number }; mainToHelloWeapp: number; h5ToHelloH5: number }
  cloudFunctions?: CloudFunctionsReport
  server?: { clock: string; township?: ScaleResult; county?: ScaleResult }
  cloud?: { scale: string; calls: number; rows: Array<RoundTripCost & { sqliteRoundTrips: number | null; mismatch: boolean }> }
  latency?: { latencyMs: number; publish: LatencyPublish[]; boardGet: BoardReadCost[] }
  h5?: H5Timing & { ratio: number }
  errors: Record<string, string>
}

const results: Results = {
  generatedAt: new Date().toISOString(),
  options: { quick, sections: SECTIONS.filter(wants) },
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
  errors: {},
}

const benchDeps = (): Omit<Deps, 'store'> => {
  const now = new Date(DEFAULT_NOW)
  const files = localFileSink(fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-bench-files-')))
  // As in local mode, the seed's admin plays the deployment admin (township.create).
  return { contentCheck: contentPipeline(), now: () => now, newId: newTimeOrderedId, defaultTownshipId: FANGGANG.id, deploymentAdmins: [DEMO_ADMIN_OPENID], pepper: TEST_PEPPER, files }
}

let hello: HelloWorld | undefined
const tempDirs: string[] = []

async function sizes() {
  const app = await measureAppBuilds(log, rebuild)
  hello = await buildHelloWorld(log)
  tempDirs.push(hello.dir)
  const helloPackages = weappPackages(hello.weappDir)
  const helloWeapp = totalBytes(hello.weappDir)
  const helloH5 = totalBytes(hello.h5Dir)
  const main = app.packages.find((p) => p.name === 'main')!.bytes
  results.miniProgram = {
    app,
    helloWorld: { packages: helloPackages, weappBytes: helloWeapp, h5Bytes: helloH5, weappBuildMs: hello.weappBuildMs, h5BuildMs: hello.h5BuildMs },
    mainToHelloWeapp: main / helloWeapp,
    h5ToHelloH5: app.h5Bytes / helloH5,
  }
}

/** One scale on SQLite: a year of data in a temp file, the daily publish twice, then every action. */
async function serverScale(scale: Scale, calls: number): Promise<{ result: ScaleResult; beforePublish?: ReturnType<SqliteStore['dump']> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fsb-bench-${scale.name}-`))
  tempDirs.push(dir)
  const store = createSqliteStore({ file: path.join(dir, 'bench.sqlite') })
  try {
    const deps = benchDeps()
    log(`${scale.name}: writing a year of data for ${scale.villages} villages`)
    const dataset = await buildDataset(store, scale, chinaDay(deps.now()))
    log(`${scale.name}: ${dataset.notices} notices, ${dataset.boards} boards, ${dataset.ledgerEntries} ledger entries, ${dataset.checklistItems} checklist items in ${(dataset.buildMs / 1000).toFixed(1)} s`)
    // The township's data, as it was before the publish, goes to the cloud stand-in too.
    const beforePublish = scale.name === 'township' ? store.dump() : undefined
    log(`${scale.name}: daily publish, twice`)
    const publish = await measureDailyPublish(store, deps)
    log(`${scale.name}: ${calls} calls of each action`)
    const actions = await measureActions({ raw: store, deps, calls, warmup: Math.max(5, Math.floor(calls / 10)) })
    log(`${scale.name}: dashboard`)
    const dashboard = await measureDashboard(store, deps, FANGGANG.id, quick ? 5 : 30)
    return { result: { dataset, publish, actions, dashboard }, beforePublish }
  } finally {
    store.close()
  }
}

let townshipDump: ReturnType<SqliteStore['dump']> | undefined

async function server() {
  const clock = DEFAULT_NOW
  results.server = { clock }
  const township = quick ? { ...TOWNSHIP, days: 60 } : TOWNSHIP
  const county = quick ? { ...COUNTY, villages: 65, days: 60 } : COUNTY
  const t = await serverScale(township, quick ? 30 : 300)
  results.server.township = t.result
  townshipDump = t.beforePublish
  const c = await serverScale(county, quick ? 30 : 200)
  results.server.county = c.result
}

/** Loads a dump (as `SqliteStore.dump()` gives it) into a store, one transaction per collection. */
async function load(store: SqliteStore, dump: ReturnType<SqliteStore['dump']>) {
  for (const [collection, docs] of Object.entries(dump)) {
    await store.transaction(async (tx) => {
      for (const doc of docs) await tx.insert(collection, doc)
    })
  }
}

/**
 * The same sequence of calls (the daily publish twice, then every action) from the same township
 * data, once on SQLite and once on the cloud adapter — the real wx-server-sdk against the CloudBase
 * stand-in — comparing call by call: SQLite's port round trips, the cloud adapter's, and the HTTP
 * requests the stand-in received.
 */
async function cloud() {
  const scale = quick ? { ...TOWNSHIP, days: 60 } : TOWNSHIP
  if (!townshipDump) {
    log('cloud: building the township data first')
    const seed = createSqliteStore({ file: ':memory:' })
    await buildDataset(seed, scale, chinaDay(new Date(DEFAULT_NOW)))
    townshipDump = seed.dump()
    seed.close()
  }
  const calls = quick ? 2 : 5
  const sqlite = createSqliteStore({ file: ':memory:' })
  await load(sqlite, townshipDump)
  log(`cloud: the same calls on SQLite (${calls} per action)`)
  const onSqlite = await measureRoundTrips({ raw: sqlite, deps: benchDeps(), calls })
  sqlite.close()

  const standin = await startCloudbaseStandin({ collections: COLLECTION_NAMES })
  try {
    standin.importData(townshipDump)
    const raw = createCloudStore(loadSdkAgainstStandin(standin).database() as unknown as CloudDatabase)
    log(`cloud: the same calls on the cloud adapter against the stand-in`)
    const onCloud = await measureRoundTrips({ raw, deps: benchDeps(), calls, requests: { counts: standin.requestCounts, reset: standin.resetRequestCounts } })
    const bySqlite = new Map(onSqlite.map((r) => [r.action, r.modelRoundTrips]))
    const rows = onCloud.map((row) => {
      const sqliteRoundTrips = bySqlite.get(row.action) ?? null
      return { ...row, sqliteRoundTrips, mismatch: !row.agree || sqliteRoundTrips !== row.modelRoundTrips || row.requests !== row.modelRoundTrips }
    })
    results.cloud = { scale: `${scale.name} (${scale.villages} villages, ${scale.days} days)`, calls, rows }
  } finally {
    await standin.close()
  }
}

async function latency() {
  const scales = quick ? [TOWNSHIP, { ...COUNTY, villages: 120 }] : [TOWNSHIP, COUNTY]
  results.latency = { latencyMs: LATENCY_MS, ...(await measureCloudLatency(scales, benchDeps(), log)) }
}

async function cloudFunctions() {
  results.cloudFunctions = await measureCloudFunctions(quick ? 3 : 9)
}

async function h5() {
  const boardH5Dir = path.join(ROOT, 'dist', 'h5')
  if (!fs.existsSync(path.join(boardH5Dir, 'index.html'))) await measureAppBuilds(log, false)
  if (!hello) {
    hello = await buildHelloWorld(log)
    tempDirs.push(hello.dir)
  }
  const timing = await measureH5({ boardH5Dir, helloH5Dir: hello.h5Dir, runs: quick ? 2 : 7 })
  results.h5 = { ...timing, ratio: timing.boardMedianMs / timing.helloMedianMs }
}

function report(): string {
  const out: string[] = []
  const m = results.machine
  out.push(`五星支部 bench — ${results.generatedAt}${quick ? '  (QUICK: reduced scales)' : ''}`)
  out.push(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB; Node ${m.node}; ${m.platform}`)

  if (results.miniProgram) {
    const { app, helloWorld } = results.miniProgram
    out.push('', 'Mini-program size (weapp build; WeChat limit 2 MB per package)')
    out.push(
      table(
        ['package', 'bytes', 'size', 'files', 'of 2 MB', `vs hello world (limit ${MAIN_TO_HELLO_LIMIT}×)`],
        [
          ...app.packages.map((p) => [p.name, p.bytes, kb(p.bytes), p.files, `${((100 * p.bytes) / PACKAGE_LIMIT_BYTES).toFixed(0)}%${p.overLimit ? ' OVER' : ''}`, p.name === 'main' ? ratio(p.bytes, helloWorld.weappBytes) : '']),
          ['hello world (whole)', helloWorld.weappBytes, kb(helloWorld.weappBytes), helloWorld.packages.reduce((s, p) => s + p.files, 0), `${((100 * helloWorld.weappBytes) / PACKAGE_LIMIT_BYTES).toFixed(0)}%`, '1.00×'],
          ['H5 build (app)', app.h5Bytes, kb(app.h5Bytes), '', '', ratio(app.h5Bytes, helloWorld.h5Bytes)],
          ['H5 build (hello world)', helloWorld.h5Bytes, kb(helloWorld.h5Bytes), '', '', '1.00×'],
        ],
      ),
    )
    out.push(`hello world built in this run: weapp ${ms(helloWorld.weappBuildMs)}, h5 ${ms(helloWorld.h5BuildMs)}; app ${app.builtWeapp || app.builtH5 ? 'built in this run' : 'taken from dist/ (present)'}`)
    const reference = readHelloReference()
    out.push(
      reference === null
        ? 'check-weapp reference bench/hello-world-weapp.json: missing (npx tsx bench/hello-reference.ts)'
        : `check-weapp reference bench/hello-world-weapp.json: ${reference.weappBytes} bytes, ${reference.weappBytes === helloWorld.weappBytes ? 'same as this run' : `this run ${helloWorld.weappBytes}: rewrite it with npx tsx bench/hello-reference.ts`}`,
    )
  }

  if (results.cloudFunctions) {
    const c = results.cloudFunctions
    out.push('', 'Cloud functions (bundle; require() in a fresh Node process, median)')
    out.push(
      table(
        ['function', 'bytes', 'size', 'require median', 'runs'],
        [
          ...c.functions.map((f) => [`cloudfunctions/${f.name}/${f.file}${f.file === 'index.js' ? '' : ' (first sheet)'}`, f.bytes, kb(f.bytes), ms(f.requireMedianMs), f.requireRunsMs.length]),
          ["require('wx-server-sdk') (first call)", '', '', ms(c.sdkRequireMedianMs), c.sdkRequireRunsMs.length],
        ],
      ),
    )
  }

  for (const name of ['township', 'county'] as const) {
    const s = results.server?.[name]
    if (!s) continue
    const d = s.dataset
    out.push('', `Server cost per action via the router on SQLite — ${name} scale: ${d.villages} villages in ${d.townships} township(s), ${d.notices.toLocaleString('en')} notices, ${d.boards.toLocaleString('en')} boards (clock ${results.server!.clock})`)
    out.push(
      table(
        ['action', 'caller', 'calls', 'p50', 'p95', 'reads', 'writes', 'tx', 'round trips'],
        s.actions.map((a) => [a.action, a.caller, a.calls, ms(a.p50Ms), ms(a.p95Ms), a.reads, a.writes, a.transactions, `${a.roundTrips}${a.varies ? ' (varies)' : ''}`]),
      ),
    )
    const p = s.publish
    out.push(
      `daily publish (${d.villages} villages): 1st run ${ms(p.first.ms)} — ${p.first.report.noticesPublished} notices published, ${p.first.report.boardsCreated} boards created; ` +
        `${p.first.counts.reads} reads, ${p.first.counts.writes} writes`,
    )
    out.push(
      `                         2nd run ${ms(p.second.ms)} — ${p.second.counts.reads} reads, ${p.second.counts.writes} writes ` +
        `${p.second.counts.writes === 0 ? '(writes nothing: OK)' : '(WROTE SOMETHING: idempotency broken)'}`,
    )
    if (s.dashboard) {
      out.push(`dashboard (${name} scale; reads stay fixed per page of villages whatever the ledger size):`)
      out.push(table(['measure', 'villages', 'calls', 'reads/call', 'p50', 'p95'], s.dashboard.map((x) => [x.label, x.villages, x.calls, x.reads, ms(x.p50Ms), ms(x.p95Ms)])))
    }
  }

  if (results.cloud) {
    out.push('', `Cloud adapter: HTTP requests the real wx-server-sdk sent to the CloudBase stand-in (${results.cloud.scale} data, median of ${results.cloud.calls} calls)`)
    out.push(
      table(
        ['action', 'SQLite port round trips', 'cloud port round trips', 'stand-in requests', 'agree'],
        results.cloud.rows.map((r) => [r.action, r.sqliteRoundTrips ?? '—', r.modelRoundTrips, r.requests ?? '—', r.mismatch ? 'MISMATCH' : 'yes']),
      ),
    )
    for (const r of results.cloud.rows.filter((row) => row.mismatch)) {
      out.push(`  MISMATCH ${r.action}: stand-in received ${JSON.stringify(r.byRequest)}`)
    }
  }

  if (results.latency) {
    const l = results.latency
    out.push('', `Daily publish on the cloud adapter, the CloudBase stand-in answering each database request after ${l.latencyMs} ms (goal: a township ≤ 2 s, 650 villages ≤ 30 s)`)
    out.push(
      table(
        ['villages', 'due notices', 'run', 'wall time', 'requests', 'published', 'boards created', 'boards updated'],
        l.publish.flatMap((p) =>
          (['first', 'second'] as const).map((run) => [
            p.villages, p.dueNotices, run, ms(p[run].ms), p[run].requests, p[run].report.noticesPublished, p[run].report.boardsCreated,
            `${p[run].report.boardsUpdated}${run === 'second' ? (Object.keys(p.second.byAction).every((a) => a === 'database.getDocument') ? ' (reads only: OK)' : ' (WROTE: idempotency broken)') : ''}`,
          ]),
        ),
      ),
    )
    out.push('', `board.get (today's published board of 帖沟村) per kind of caller, at ${l.latencyMs} ms per request`)
    out.push(table(['caller', 'database requests', 'wall time'], l.boardGet.map((b) => [b.caller, b.requests, ms(b.ms)])))
  }

  if (results.h5) {
    const h = results.h5
    out.push('', `H5 in headless Chromium, cold browser each load (median of ${h.runs})`)
    out.push(
      table(
        ['page', 'median', 'all runs'],
        [
          ['board: first .board-entry visible', ms(h.boardMedianMs), h.boardFirstEntryMs.map((v) => v.toFixed(0)).join(' ')],
          ['hello world: its text visible', ms(h.helloMedianMs), h.helloFirstTextMs.map((v) => v.toFixed(0)).join(' ')],
          ['ratio board / hello world', ratio(h.boardMedianMs, h.helloMedianMs), ''],
        ],
      ),
    )
  }

  for (const [section, message] of Object.entries(results.errors)) out.push('', `!! ${section} failed: ${message}`)
  return out.join('\n')
}

async function main() {
  const steps: Array<[Section, () => Promise<void>]> = [
    ['sizes', sizes],
    ['cloudfn', cloudFunctions],
    ['server', server],
    ['cloud', cloud],
    ['latency', latency],
    ['h5', h5],
  ]
  for (const [section, step] of steps) {
    if (!wants(section)) continue
    const started = performance.now()
    try {
      await step()
      log(`${section}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    } catch (error) {
      results.errors[section] = error instanceof Error ? error.message : String(error)
      log(`${section}: FAILED — ${results.errors[section]}`)
    }
  }
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true })
  const text = report()
  process.stdout.write(`${text}\n`)
  const outDir = path.join(ROOT, 'bench', 'results')
  fs.mkdirSync(outDir, { recursive: true })
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
  process.stdout.write(`\nJSON: ${path.relative(ROOT, path.join(outDir, 'latest.json'))}\n`)
  // The SDK's keep-alive sockets and Chromium helpers must not hold the process open.
  process.exit(Object.keys(results.errors).length > 0 ? 1 : 0)
}

void main()
