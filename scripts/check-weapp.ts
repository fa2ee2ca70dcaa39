// Guards the weapp build: WeChat refuses packages over 2 MB, the browser-only demo login must never ship
// inside the mini-program, and the main package (what every villager downloads on first open) must stay
// within MAIN_TO_HELLO_LIMIT times a bare Taro hello world and carry no zod. Run after `taro build --type weapp`.
//
//   --hello=build   build the hello world in this run instead of reading bench/hello-world-weapp.json
import fs from 'node:fs'
import path from 'node:path'
import { HELLO_REFERENCE_FILE, MAIN_TO_HELLO_LIMIT, measureHelloWeapp, readHelloReference, staleToolchain } from '../bench/hello-reference'

const DIST = path.resolve(__dirname, '..', 'dist', 'weapp')
const LIMIT_BYTES = 2 * 1024 * 1024

/**
 * Strings that exist only in the H5 demo login and its HTTP transport
 * (src/components/DemoLogin, src/services/transport/http.ts); keep in sync with them.
 */
const DEMO_MARKERS = ['/local/demo-people', '演示登录', 'X-Demo-Openid', '/local/upload', '/cloud/api']

/**
 * Strings minification keeps in zod's runtime (an error class name and an issue code). The client ships
 * no schemas: response checks run in development and tests only (src/services/api.ts), and forms that
 * validate with the contract's schemas live in subpackages.
 */
const ZOD_MARKERS = ['ZodError', 'invalid_union_discriminator']

type AppJson = { subPackages?: { root: string }[]; subpackages?: { root: string }[] }

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? listFiles(full) : [full]
  })
}

function subpackageRoots(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as AppJson
  return (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, '') + '/')
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

/** The hello world's weapp bytes: built now with --hello=build, else the committed reference. */
async function helloWorldBytes(): Promise<{ bytes: number; source: string } | { error: string }> {
  if (process.argv.includes('--hello=build')) {
    const hello = await measureHelloWeapp((line) => console.log(`check-weapp: ${line}`))
    return { bytes: hello.weappBytes, source: 'built in this run' }
  }
  const reference = readHelloReference()
  const file = path.relative(process.cwd(), HELLO_REFERENCE_FILE)
  if (!reference) return { error: `${file} not found; run npx tsx bench/hello-reference.ts` }
  const stale = staleToolchain(reference)
  if (stale.length > 0) return { error: `${file} was measured with other versions (${stale.join(', ')}); run npx tsx bench/hello-reference.ts` }
  return { bytes: reference.weappBytes, source: `${file}, measured ${reference.measuredAt.slice(0, 10)}` }
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(DIST, 'app.json'))) {
    console.error(`check-weapp: ${DIST}/app.json not found; run taro build --type weapp first`)
    return 1
  }
  const roots = subpackageRoots()
  const sizes = new Map<string, number>([['main', 0], ...roots.map((r): [string, number] => [r, 0])])
  const leaks: string[] = []
  const zodInMain: string[] = []

  for (const file of listFiles(DIST)) {
    const rel = path.relative(DIST, file).split(path.sep).join('/')
    const bytes = fs.readFileSync(file)
    const pkg = roots.find((r) => rel.startsWith(r)) ?? 'main'
    sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytes.length)
    const text = bytes.toString('utf8')
    for (const marker of DEMO_MARKERS) if (text.includes(marker)) leaks.push(`${rel}: ${marker}`)
    if (pkg === 'main') for (const marker of ZOD_MARKERS) if (text.includes(marker)) zodInMain.push(`${rel}: ${marker}`)
  }

  let failed = false
  let total = 0
  for (const [pkg, bytes] of sizes) {
    total += bytes
    const over = bytes > LIMIT_BYTES
    failed ||= over
    console.log(`check-weapp: ${pkg === 'main' ? 'main package' : `subpackage ${pkg}`}: ${bytes} bytes (${kb(bytes)})${over ? '  OVER 2 MB' : ''}`)
  }
  console.log(`check-weapp: total ${total} bytes (${kb(total)})`)
  if (leaks.length > 0) {
    failed = true
    console.error('check-weapp: browser-only demo code found in dist/weapp:')
    for (const leak of leaks) console.error(`  ${leak}`)
  }
  if (zodInMain.length > 0) {
    failed = true
    console.error('check-weapp: zod found in the main package (pages must import types only; see src/services/api.ts):')
    for (const hit of zodInMain) console.error(`  ${hit}`)
  }

  const main = sizes.get('main') ?? 0
  const hello = await helloWorldBytes()
  if ('error' in hello) {
    failed = true
    console.error(`check-weapp: no hello-world reference: ${hello.error}`)
  } else {
    const ratio = main / hello.bytes
    const over = ratio > MAIN_TO_HELLO_LIMIT
    failed ||= over
    console.log(
      `check-weapp: main package is ${ratio.toFixed(3)}× the bare Taro hello world (${hello.bytes} bytes, ${hello.source}); limit ${MAIN_TO_HELLO_LIMIT}× = ${Math.floor(MAIN_TO_HELLO_LIMIT * hello.bytes)} bytes${over ? '  OVER' : ''}`,
    )
  }
  console.log(failed ? 'check-weapp: FAILED' : 'check-weapp: ok')
  return failed ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('check-weapp:', e)
    process.exit(1)
  },
)
