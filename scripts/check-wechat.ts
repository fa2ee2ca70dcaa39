// WeChat's own compiler and DevTools' 代码质量 check on the weapp build, offline, through
// miniprogram-ci (../shared/TOOLCHAIN.md). Fails on a compile error or on any failed quality item.
// Run after `taro build --type weapp` (npm run build:weapp does); `tsx scripts/check-wechat.ts <folder>` checks another build.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The built mini-program: dist/weapp, or the folder given as the first argument. */
const DIST = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'weapp'))

/** One 代码质量 item, as DevTools shows it. */
type QualityItem = { name: string; success: boolean; text?: string; detail?: unknown; docURL?: string }
type Setting = { es6?: boolean; minified?: boolean; minifyWXML?: boolean; minifyWXSS?: boolean }

/** The slice of miniprogram-ci 2.1 used here, typed instead of loading its 1,000 declaration files. */
interface MiniprogramCi {
  Project: new (options: {
    appid: string
    type: 'miniProgram'
    projectPath: string
    privateKey: string
    attr: () => Promise<unknown>
    ignores: string[]
  }) => unknown
  DefaultProjectAttr: unknown
  getCompiledResult(
    options: { project: unknown; desc: string; setting: Record<string, boolean | undefined> },
    savePath: string,
  ): Promise<Record<string, string | Buffer>>
  checkCodeQuality(project: unknown): Promise<QualityItem[]>
}

async function main(): Promise<number> {
  const configFile = path.join(DIST, 'project.config.json')
  if (!fs.existsSync(path.join(DIST, 'app.json')) || !fs.existsSync(configFile)) {
    console.error(`check-wechat: ${DIST} has no app.json or project.config.json; run taro build --type weapp first`)
    return 1
  }
  const setting = (JSON.parse(fs.readFileSync(configFile, 'utf8')) as { setting?: Setting }).setting ?? {}
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require('miniprogram-ci') as MiniprogramCi
  const project = new ci.Project({
    // A syntactically valid placeholder: nothing is uploaded, and attr() below replaces the network look-up.
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath: DIST,
    privateKey: 'offline',
    attr: async () => ci.DefaultProjectAttr,
    ignores: ['node_modules/**/*'],
  })

  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-wechat-'))
  try {
    const files = await ci.getCompiledResult(
      {
        project,
        desc: 'check',
        // Compile as an upload would, with the project's own settings.
        setting: { es6: setting.es6, minifyJS: setting.minified, minifyWXML: setting.minifyWXML, minifyWXSS: setting.minifyWXSS },
      },
      path.join(outDir, 'compiled.zip'),
    )
    console.log(`check-wechat: WeChat's compiler compiled ${Object.keys(files).length} files`)
  } catch (error) {
    console.error(`check-wechat: WeChat's compiler failed: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true })
  }

  const items = await ci.checkCodeQuality(project)
  // An item's text names the problem it looks for ("JS compression is not turned on"), so it is shown only on failure.
  for (const item of items) {
    if (item.success) console.log(`check-wechat: 代码质量 pass  ${item.name}`)
    else console.error(`check-wechat: 代码质量 FAIL  ${item.name}: ${item.text ?? ''} ${item.detail ? JSON.stringify(item.detail) : ''}`.trimEnd())
  }
  const failed = items.filter((item) => !item.success)
  console.log(`check-wechat: 代码质量 ${items.length - failed.length} of ${items.length} items pass`)
  return items.length > 0 && failed.length === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`check-wechat: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    process.exit(1)
  },
)
