/**
 * The bare Taro hello world's weapp size, as a committed reference for scripts/check-weapp.ts (which fails
 * the build when the main package exceeds MAIN_TO_HELLO_LIMIT times it). Building the hello world takes
 * 12–25 s, so the check reads this file instead of building it each time; `npm run bench` builds it again
 * and prints whether the reference still matches.
 *
 *   npx tsx bench/hello-reference.ts   build the hello world (weapp) and rewrite bench/hello-world-weapp.json
 *
 * Rewrite it whenever the Taro toolchain changes (the check refuses a reference made with other versions).
 */
import fs from 'node:fs'
import path from 'node:path'
import { buildHelloWorldWeapp } from './hello-world'
import { ROOT, totalBytes } from './util'

/** The main package may weigh at most this many times the bare hello world (issue 7). */
export const MAIN_TO_HELLO_LIMIT = 1.3

export const HELLO_REFERENCE_FILE = path.join(ROOT, 'bench', 'hello-world-weapp.json')

/** Versions that decide the hello world's size; a reference made with others is stale. */
export type Toolchain = Record<string, string>

export interface HelloReference {
  /** Every file of the hello world's dist/weapp, counted as check-weapp counts the app's packages. */
  weappBytes: number
  measuredAt: string
  toolchain: Toolchain
}

const TOOLCHAIN_PACKAGES = ['@tarojs/cli', '@tarojs/runtime', '@tarojs/taro', '@tarojs/plugin-framework-react', '@tarojs/webpack5-runner', 'webpack', 'react']

export function currentToolchain(): Toolchain {
  const out: Toolchain = {}
  for (const name of TOOLCHAIN_PACKAGES) {
    const file = path.join(ROOT, 'node_modules', name, 'package.json')
    out[name] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version : 'missing'
  }
  return out
}

/** The packages whose installed version differs from the reference's (empty when it is current). */
export function staleToolchain(reference: HelloReference, now = currentToolchain()): string[] {
  return Object.keys(now)
    .filter((name) => reference.toolchain[name] !== now[name])
    .map((name) => `${name} ${reference.toolchain[name] ?? 'absent'} → ${now[name]}`)
}

export function readHelloReference(): HelloReference | null {
  if (!fs.existsSync(HELLO_REFERENCE_FILE)) return null
  return JSON.parse(fs.readFileSync(HELLO_REFERENCE_FILE, 'utf8')) as HelloReference
}

/** Builds the hello world's weapp in a temp folder, measures it and removes the folder. */
export async function measureHelloWeapp(log: (line: string) => void): Promise<HelloReference & { buildMs: number }> {
  const hello = await buildHelloWorldWeapp(log)
  try {
    return { weappBytes: totalBytes(hello.weappDir), measuredAt: new Date().toISOString(), toolchain: currentToolchain(), buildMs: hello.weappBuildMs }
  } finally {
    fs.rmSync(hello.dir, { recursive: true, force: true })
  }
}

async function main() {
  const { buildMs, ...reference } = await measureHelloWeapp((line) => process.stderr.write(`[hello] ${line}\n`))
  fs.writeFileSync(HELLO_REFERENCE_FILE, JSON.stringify(reference, null, 2) + '\n')
  console.log(`hello world weapp: ${reference.weappBytes} bytes (built in ${(buildMs / 1000).toFixed(1)} s) → ${path.relative(ROOT, HELLO_REFERENCE_FILE)}`)
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
