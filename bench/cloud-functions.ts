import fs from 'node:fs'
import path from 'node:path'
import { buildCloudFunctions } from '../scripts/build-cloud'
import { ROOT, median, runCommand } from './util'

export interface CloudFunctionCost {
  name: string
  /** index.js, which every cold start loads, or a side bundle (exceljs.js) loaded at first use. */
  file: string
  bytes: number
  /** Median time to require() the bundle in a fresh Node process (wx-server-sdk is loaded later, inside main). */
  requireMedianMs: number
  requireRunsMs: number[]
}

export interface CloudFunctionsReport {
  functions: CloudFunctionCost[]
  /** Median time to require('wx-server-sdk') in a fresh Node process: what the first call pays on top. */
  sdkRequireMedianMs: number
  sdkRequireRunsMs: number[]
  built: boolean
}

const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions')

/** Times one require() inside a fresh node process, by that process's own clock. */
async function timeRequire(target: string, env: Record<string, string> = {}): Promise<number> {
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(target)}); const d = Number(process.hrtime.bigint() - t) / 1e6; process.stdout.write(String(d)); process.exit(0)`
  const { stdout } = await runCommand(process.execPath, ['-e', script], { cwd: ROOT, env })
  return Number(stdout.trim().split('\n').pop())
}

/** Bundle size and cold require time of every cloud function, building the bundles first if missing. */
export async function measureCloudFunctions(runs: number): Promise<CloudFunctionsReport> {
  const names = fs.readdirSync(FUNCTIONS_DIR).filter((n) => fs.existsSync(path.join(FUNCTIONS_DIR, n, 'src', 'index.ts')))
  const missing = names.some((n) => !fs.existsSync(path.join(FUNCTIONS_DIR, n, 'index.js')))
  if (missing) await buildCloudFunctions()
  const functions: CloudFunctionCost[] = []
  for (const name of names) {
    for (const file of ['index.js', 'exceljs.js']) {
      const target = path.join(FUNCTIONS_DIR, name, file)
      if (!fs.existsSync(target)) continue
      const times: number[] = []
      for (let i = 0; i < runs; i++) times.push(await timeRequire(target))
      functions.push({ name, file, bytes: fs.statSync(target).size, requireMedianMs: median(times), requireRunsMs: times })
    }
  }
  // Dummy cloud environment: loading the SDK must not reach out (nothing is called, but be safe).
  const sdkEnv = { TENCENTCLOUD_SECRETID: 'bench', TENCENTCLOUD_SECRETKEY: 'bench', SCF_NAMESPACE: 'bench', TENCENTCLOUD: 'true' }
  const sdkTimes: number[] = []
  for (let i = 0; i < runs; i++) sdkTimes.push(await timeRequire('wx-server-sdk', sdkEnv))
  return { functions, sdkRequireMedianMs: median(sdkTimes), sdkRequireRunsMs: sdkTimes, built: missing }
}
