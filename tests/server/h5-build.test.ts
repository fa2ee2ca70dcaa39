import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ensureH5Build, h5SourceHash, stampPath } from '../../server/h5-build'

// `npm start` against a throw-away repository tree, with a recording stand-in for Taro's build.

let root: string
let h5Dir: string
let builds: number
let buildSucceeds: boolean

const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  fs.writeFileSync(path.join(root, rel), text)
}
/** Writes dist/h5/index.html as Taro would, or fails. */
const fakeTaro = () => {
  builds++
  if (!buildSucceeds) return false
  fs.mkdirSync(h5Dir, { recursive: true })
  fs.writeFileSync(path.join(h5Dir, 'index.html'), `<html>build ${builds}</html>`)
  return true
}
const start = () => ensureH5Build(root, h5Dir, fakeTaro, () => undefined)

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-h5-'))
  h5Dir = path.join(root, 'dist', 'h5')
  builds = 0
  buildSucceeds = true
  write('src/app.tsx', 'export default 1')
  write('src/pages/board/index.tsx', 'board')
  write('types/api.ts', 'api')
  write('core/time.ts', 'time')
  write('config/index.ts', 'config')
  write('package-lock.json', '{}')
  write('README.md', 'readme')
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

describe('npm start’s H5 build', () => {
  it('builds when there is no build yet and stamps it with the sources’ hash', () => {
    expect(start()).toBe(true)
    expect(builds).toBe(1)
    expect(fs.readFileSync(stampPath(h5Dir), 'utf8').trim()).toBe(h5SourceHash(root))
  })

  it('serves the existing build when nothing changed', () => {
    start()
    expect(start()).toBe(false)
    expect(builds).toBe(1)
  })

  it.each([
    ['a page', 'src/pages/board/index.tsx'],
    ['the contract', 'types/api.ts'],
    ['the domain', 'core/time.ts'],
    ['the build configuration', 'config/index.ts'],
    ['the locked dependencies', 'package-lock.json'],
  ])('rebuilds after %s changed', (_what, rel) => {
    start()
    write(rel, 'changed')
    expect(start()).toBe(true)
    expect(builds).toBe(2)
    expect(start()).toBe(false)
  })

  it('rebuilds when a source file is added, removed or renamed', () => {
    start()
    write('src/pages/new/index.tsx', 'new')
    expect(start()).toBe(true)
    fs.rmSync(path.join(root, 'src/pages/new/index.tsx'))
    expect(start()).toBe(true)
    fs.renameSync(path.join(root, 'src/app.tsx'), path.join(root, 'src/app2.tsx'))
    expect(start()).toBe(true)
    expect(builds).toBe(4)
  })

  it('rebuilds when a .env file Taro reads appears', () => {
    start()
    write('.env.production', 'TARO_APP_ID=wx1')
    expect(start()).toBe(true)
  })

  it('ignores files the H5 build is not made from', () => {
    start()
    write('README.md', 'changed')
    write('tests/e2e/new.test.ts', 'test')
    write('backend/router.ts', 'router')
    expect(start()).toBe(false)
  })

  it('rebuilds a build that has no stamp (made by hand with taro build)', () => {
    fakeTaro()
    expect(start()).toBe(true)
    expect(builds).toBe(2)
  })

  it('fails loudly when the build fails, and leaves no stamp so the next start tries again', () => {
    start()
    write('src/app.tsx', 'broken')
    buildSucceeds = false
    expect(start).toThrow('H5 构建失败')
    expect(fs.existsSync(stampPath(h5Dir))).toBe(false)
    buildSucceeds = true
    expect(start()).toBe(true)
    expect(start()).toBe(false)
  })
})

it('hashes this repository’s real sources in well under a second', () => {
  const t0 = Date.now()
  expect(h5SourceHash(path.resolve(__dirname, '../..'))).toMatch(/^[0-9a-f]{64}$/)
  expect(Date.now() - t0).toBeLessThan(1000)
})
