import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'

/**
 * What the H5 build is made from, relative to the repository root: the pages, the shared contract and
 * domain they import, the build configuration, the locked dependencies, and the `.env*` files Taro
 * reads. A change to any of them makes a built dist/h5 stale.
 */
export const H5_SOURCES = ['src', 'types', 'core', 'config', 'babel.config.js', 'tsconfig.json', 'package.json', 'package-lock.json']

/** The stamp beside dist/h5: the hash of the sources it was built from. */
export const stampPath = (h5Dir: string) => `${h5Dir}.sources.sha256`

function filesUnder(root: string, rel: string, into: string[]): void {
  const full = path.join(root, rel)
  const stat = fs.statSync(full, { throwIfNoEntry: false })
  if (!stat) return
  if (!stat.isDirectory()) {
    into.push(rel)
    return
  }
  for (const entry of fs.readdirSync(full).sort()) filesUnder(root, path.join(rel, entry), into)
}

/** One hash over the names and contents of every H5 source file (order-independent of the file system). */
export function h5SourceHash(rootDir: string): string {
  const envFiles = fs.readdirSync(rootDir).filter((name) => name.startsWith('.env'))
  const files: string[] = []
  for (const rel of [...H5_SOURCES, ...envFiles]) filesUnder(rootDir, rel, files)
  const hash = crypto.createHash('sha256')
  for (const rel of files.sort()) {
    hash.update(rel.split(path.sep).join('/')).update('\0')
    hash.update(fs.readFileSync(path.join(rootDir, rel))).update('\0')
  }
  return hash.digest('hex')
}

/** Why dist/h5 must be (re)built, or null when it was built from the sources as they are now. */
export function h5BuildNeeded(rootDir: string, h5Dir: string): string | null {
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) return '首次启动：正在构建 H5 页面（约 1 分钟）…'
  const stamp = fs.existsSync(stampPath(h5Dir)) ? fs.readFileSync(stampPath(h5Dir), 'utf8').trim() : ''
  if (stamp !== h5SourceHash(rootDir)) return '源代码在上次构建后有改动：正在重新构建 H5 页面（约 1 分钟）…'
  return null
}

/** Runs Taro's H5 build; true when it succeeded. */
export function runTaroH5Build(rootDir: string): boolean {
  const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: rootDir, stdio: 'inherit' })
  return build.status === 0
}

/**
 * Builds dist/h5 and stamps it with the hash of the sources it was built from. The hash is taken
 * before the build (a file edited during it leaves the stamp stale, so the next start builds again)
 * and the old stamp removed first (an interrupted build leaves none).
 */
export function buildH5(rootDir: string, h5Dir: string, build: (rootDir: string) => boolean = runTaroH5Build): void {
  const hash = h5SourceHash(rootDir)
  fs.rmSync(stampPath(h5Dir), { force: true })
  if (!build(rootDir)) throw new Error('H5 构建失败，请查看上面的输出')
  fs.writeFileSync(stampPath(h5Dir), `${hash}\n`)
}

/** `npm start`: builds dist/h5 when it is missing or older than the sources; answers whether it built. */
export function ensureH5Build(
  rootDir: string,
  h5Dir: string,
  build: (rootDir: string) => boolean = runTaroH5Build,
  log: (line: string) => void = console.log,
): boolean {
  const why = h5BuildNeeded(rootDir, h5Dir)
  if (!why) return false
  log(why)
  buildH5(rootDir, h5Dir, build)
  return true
}
