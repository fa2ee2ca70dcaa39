import fs from 'node:fs'
import path from 'node:path'
import { ROOT, listFiles, runCommand, totalBytes } from './util'

/** WeChat refuses any package (main or sub) over 2 MB. */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024

export interface PackageSize {
  name: string
  bytes: number
  files: number
  overLimit: boolean
}

export interface MiniProgramSizes {
  packages: PackageSize[]
  h5Bytes: number
  builtWeapp: boolean
  builtH5: boolean
  weappBuildMs: number | null
  h5BuildMs: number | null
}

/** Sizes of a weapp build by package, counting every file as scripts/check-weapp.ts does. */
export function weappPackages(dir: string): PackageSize[] {
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, '') + '/')
  const sizes = new Map<string, { bytes: number; files: number }>([['main', { bytes: 0, files: 0 }], ...roots.map((r): [string, { bytes: number; files: number }] => [r, { bytes: 0, files: 0 }])])
  for (const file of listFiles(dir)) {
    const pkg = roots.find((r) => file.startsWith(r)) ?? 'main'
    const entry = sizes.get(pkg)!
    entry.bytes += fs.statSync(path.join(dir, file)).size
    entry.files++
  }
  return [...sizes].map(([name, s]) => ({ name: name === 'main' ? 'main' : `sub:${name}`, ...s, overLimit: s.bytes > PACKAGE_LIMIT_BYTES }))
}

/** This app's weapp and H5 builds (dist/), building either if it is missing. */
export async function measureAppBuilds(log: (line: string) => void, rebuild: boolean): Promise<MiniProgramSizes> {
  const weappDir = path.join(ROOT, 'dist', 'weapp')
  const h5Dir = path.join(ROOT, 'dist', 'h5')
  const taro = path.join(ROOT, 'node_modules', '.bin', 'taro')
  let weappBuildMs: number | null = null
  let h5BuildMs: number | null = null
  const builtWeapp = rebuild || !fs.existsSync(path.join(weappDir, 'app.json'))
  if (builtWeapp) {
    log('app: building weapp (npx taro build --type weapp)')
    weappBuildMs = (await runCommand(taro, ['build', '--type', 'weapp'], { env: { NODE_ENV: 'production' } })).ms
  }
  const builtH5 = rebuild || !fs.existsSync(path.join(h5Dir, 'index.html'))
  if (builtH5) {
    log('app: building h5 (npx taro build --type h5)')
    h5BuildMs = (await runCommand(taro, ['build', '--type', 'h5'], { env: { NODE_ENV: 'production' } })).ms
  }
  return { packages: weappPackages(weappDir), h5Bytes: totalBytes(h5Dir), builtWeapp, builtH5, weappBuildMs, h5BuildMs }
}
