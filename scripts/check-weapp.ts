// Guards the weapp build: WeChat refuses packages over 2 MB, and the browser-only demo login must
// never ship inside the mini-program. Run after `taro build --type weapp`.
import fs from 'node:fs'
import path from 'node:path'

const DIST = path.resolve(__dirname, '..', 'dist', 'weapp')
const LIMIT_BYTES = 2 * 1024 * 1024

/**
 * Strings that exist only in the H5 demo login and its HTTP transport
 * (src/components/DemoLogin, src/services/transport/http.ts); keep in sync with them.
 */
const DEMO_MARKERS = ['/local/demo-people', '演示登录', 'X-Demo-Openid', '/local/upload', '/cloud/api']

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

function main(): number {
  if (!fs.existsSync(path.join(DIST, 'app.json'))) {
    console.error(`check-weapp: ${DIST}/app.json not found; run taro build --type weapp first`)
    return 1
  }
  const roots = subpackageRoots()
  const sizes = new Map<string, number>([['main', 0], ...roots.map((r): [string, number] => [r, 0])])
  const leaks: string[] = []

  for (const file of listFiles(DIST)) {
    const rel = path.relative(DIST, file).split(path.sep).join('/')
    const bytes = fs.readFileSync(file)
    const pkg = roots.find((r) => rel.startsWith(r)) ?? 'main'
    sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytes.length)
    const text = bytes.toString('utf8')
    for (const marker of DEMO_MARKERS) if (text.includes(marker)) leaks.push(`${rel}: ${marker}`)
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
  console.log(failed ? 'check-weapp: FAILED' : 'check-weapp: ok')
  return failed ? 1 : 0
}

process.exit(main())
