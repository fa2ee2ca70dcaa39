import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { COLLECTIONS } from '../../backend/storage/collections'
import { loadDeployConfig, ConfigError, type DeployConfig } from '../../scripts/deploy/config'
import { deploy, doctor } from '../../scripts/deploy/main'
import { indexName } from '../../scripts/deploy/desired'
import { APP_ID, APP_SECRET, CloudStandin, ENV_ID } from './standin'

const ROOT = path.resolve(__dirname, '..', '..')
const INDEX_COUNT = Object.values(COLLECTIONS).reduce((n, list) => n + list.length, 0)
const COLLECTION_COUNT = Object.keys(COLLECTIONS).length

/** A repository copy with the functions' config and a stand-in build output (no real build needed). */
function fakeRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-'))
  for (const name of ['api', 'publishDaily']) {
    const dir = path.join(root, 'cloudfunctions', name)
    fs.mkdirSync(dir, { recursive: true })
    for (const file of ['config.json', 'package.json']) fs.copyFileSync(path.join(ROOT, 'cloudfunctions', name, file), path.join(dir, file))
    fs.writeFileSync(path.join(dir, 'index.js'), `exports.main = async () => '${name}'\n`)
  }
  fs.mkdirSync(path.join(root, 'dist', 'weapp'), { recursive: true })
  fs.writeFileSync(path.join(root, 'dist', 'weapp', 'app.js'), 'App({})\n')
  return root
}

let standin: CloudStandin
let root: string
let config: DeployConfig
let lines: string[]
const log = (line: string) => lines.push(line)
const run = (extra: { dryRun?: boolean } = {}) => deploy({ root, config, ci: standin.ci(), log, ...extra })

// Nothing leaves the machine: every fetch must be addressed to the current stand-in.
const realFetch = globalThis.fetch
const foreign: string[] = []
beforeAll(() => {
  globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input)
    if (!url.startsWith(`${standin.base}/`)) {
      foreign.push(url)
      return Promise.reject(new Error(`blocked: ${url}`))
    }
    return realFetch(input, init)
  }) as typeof fetch
})
afterAll(() => {
  globalThis.fetch = realFetch
  expect(foreign).toEqual([])
})

beforeEach(async () => {
  standin = await new CloudStandin().start()
  root = fakeRepo()
  lines = []
  config = {
    appId: APP_ID, envId: ENV_ID, appSecret: APP_SECRET, privateKeyPath: '/dev/null', region: 'ap-shanghai',
    adminOpenids: 'oAdmin1,oAdmin2', invitePepper: 'a-pepper-of-twenty-chars',
    wechatBase: standin.base, tencentCloudBase: `${standin.base}/tc`,
  }
})
afterEach(async () => {
  await standin.stop()
  fs.rmSync(root, { recursive: true, force: true })
})

function expectComplete() {
  expect(standin.violations).toEqual([])
  expect([...standin.collections.keys()].sort()).toEqual(Object.keys(COLLECTIONS).sort())
  for (const [name, indexes] of Object.entries(COLLECTIONS)) {
    const remote = standin.collections.get(name)!
    expect(remote.acl).toBe('ADMINONLY')
    expect(remote.indexes.map((i) => i.Name).sort()).toEqual(['_id_', ...indexes.map((fields) => indexName(fields))].sort())
  }
  const api = standin.functions.get('api')!
  expect(api).toMatchObject({ Timeout: 10, MemorySize: 256, Runtime: 'Nodejs16.13' })
  expect(api.Variables).toMatchObject({ ADMIN_OPENIDS: 'oAdmin1,oAdmin2', INVITE_PEPPER: 'a-pepper-of-twenty-chars' })
  const daily = standin.functions.get('publishDaily')!
  expect(daily).toMatchObject({ Timeout: 60, MemorySize: 256, Runtime: 'Nodejs16.13' })
  expect(daily.Triggers).toEqual([{ Type: 'timer', TriggerName: 'publish-daily-0700', TriggerDesc: '0 0,30 7 * * * *' }])
}

test('dry-run against an empty environment lists every collection, permission, index, function and trigger, and changes nothing', async () => {
  const changes = await run({ dryRun: true })
  expect(standin.mutations).toBe(0)
  expect(standin.violations).toEqual([])
  const text = lines.join('\n')
  for (const name of Object.keys(COLLECTIONS)) {
    expect(text).toContain(`新建集合 ${name}\n`)
    expect(text).toContain(`集合 ${name} 的权限 （新集合） → ADMINONLY`)
  }
  const listedIndexes = changes.filter((c) => c.step === 'index').reduce((n, c) => n + (c.step === 'index' ? c.indexes.length : 0), 0)
  expect(listedIndexes).toBe(INDEX_COUNT)
  expect(text).toContain('(villageId, status, createdAt, _id)')
  expect(text).toContain('上传云函数 api')
  expect(text).toContain('上传云函数 publishDaily')
  expect(text).toContain('云函数 publishDaily 的定时触发器 publish-daily-0700（0 0,30 7 * * * *）')
  expect(text).toContain('上传小程序代码为开发版')
  expect(text).toContain('云函数 publishDaily 的配置：超时 60 秒；内存 256 MB；运行环境 Nodejs16.13；环境变量 DEPLOY_CODE_SHA')
  expect(text).toContain('云函数 api 的配置：超时 10 秒；内存 256 MB；运行环境 Nodejs16.13；环境变量 ADMIN_OPENIDS、INVITE_PEPPER、DEPLOY_CODE_SHA')
  expect(lines.at(-1)).toBe(`合计：新建集合 ${COLLECTION_COUNT} 个，设置权限 ${COLLECTION_COUNT} 个集合，新建索引 ${INDEX_COUNT} 个，上传云函数 2 个，函数配置 2 个，定时触发器 1 个，小程序代码 1 次。`)
  expect(changes.filter((c) => c.step === 'collection')).toHaveLength(COLLECTION_COUNT)
})

test('deploy makes the environment complete; a second run changes nothing; the doctor then passes', async () => {
  await run()
  expectComplete()
  expect(standin.uploads.filter((u) => u.startsWith('weapp'))).toHaveLength(1)
  const before = standin.mutations
  lines = []
  expect(await run()).toEqual([])
  expect(standin.mutations).toBe(before)
  expect(lines).toEqual(['无需改动：云环境已与仓库一致。'])
  standin.collections.get('townships')!.docs.add('fanggang')
  lines = []
  const findings = await doctor({ root, config, log })
  expect(findings).toEqual([])
  expect(standin.mutations).toBe(before)
})

test('a deploy interrupted at each step, then repeated, completes; the run after it changes nothing', async () => {
  // Each change is one mutating call, in order: stop at the first and the last call of every step
  // (collections, permissions, indexes, function code, settings, trigger, mini-program code), or at
  // every call with DEPLOY_WALK=all (about 70; 25 s here).
  const changes = await run()
  expect(standin.mutations).toBe(changes.length)
  const stops = new Set<number>()
  changes.forEach((change, i) => {
    if (process.env.DEPLOY_WALK === 'all' || changes[i - 1]?.step !== change.step || changes[i + 1]?.step !== change.step) stops.add(i + 1)
  })
  expect(new Set(changes.map((change) => change.step)).size).toBe(7)
  expect(stops.size).toBeGreaterThanOrEqual(12)
  for (const stopAt of stops) {
    await standin.stop()
    standin = await new CloudStandin().start()
    config = { ...config, wechatBase: standin.base, tencentCloudBase: `${standin.base}/tc` }
    fs.rmSync(path.join(root, '.deploy-state.json'), { force: true })
    standin.failAt = stopAt
    await expect(run()).rejects.toThrow(/injected/)
    await run()
    expectComplete()
    const after = standin.mutations
    expect(await run()).toEqual([])
    expect(standin.mutations).toBe(after)
  }
})

test('the doctor names a removed index, an extra index, a readable collection, wrong function settings and missing variables, without changing anything', async () => {
  await run()
  const notices = standin.collections.get('notices')!
  const removed = indexName(['villageId', 'status', 'publishDate'])
  notices.indexes = notices.indexes.filter((i) => i.Name !== removed)
  notices.indexes.push({ Name: 'title_1', Unique: false, Keys: [{ Name: 'title', Direction: '1' }] })
  standin.collections.get('people')!.acl = 'READONLY'
  const api = standin.functions.get('api')!
  api.Timeout = 3
  delete api.Variables.ADMIN_OPENIDS
  api.Variables.INVITE_PEPPER = 'short'
  standin.functions.get('publishDaily')!.Triggers = []
  const before = standin.mutations
  const findings = await doctor({ root, config, log })
  expect(standin.mutations).toBe(before)
  expect(standin.violations).toEqual([])
  const text = findings.map((f) => `${f.level}：${f.text}`)
  expect(text).toEqual(expect.arrayContaining([
    '错误：集合 notices 缺少索引 (villageId, status, publishDate)',
    expect.stringMatching(/^警告：集合 notices 有多余的索引 title_1 \(title\)/),
    '错误：集合 people 的权限是 READONLY，应为 ADMINONLY（仅管理端可读写）',
    '错误：云函数 api 超时 3 秒，应为 10 秒',
    '错误：云函数 publishDaily 缺少定时触发器 publish-daily-0700（0 0,30 7 * * * *）',
    '错误：api 的 INVITE_PEPPER 只有 5 个字符，至少 16 个',
    expect.stringMatching(/^警告：api 未设置 ADMIN_OPENIDS/),
    expect.stringMatching(/^警告：townships 中没有默认乡镇 fanggang/),
  ]))
  // deploy repairs what it owns (the extra index stays: dropping one is left to a person).
  await run()
  const again = await doctor({ root, config, log })
  expect(again.filter((f) => f.level === '错误')).toEqual([])
})

test('changed function code is uploaded again; unchanged code is not', async () => {
  await run()
  fs.appendFileSync(path.join(root, 'cloudfunctions', 'api', 'index.js'), '// changed\n')
  const changes = await run()
  expect(changes.map((c) => `${c.step}${'fn' in c ? ` ${c.fn}` : ''}`)).toEqual(['function-code api', 'function-settings api'])
})

test('the configuration is validated with Chinese messages, every problem at once; environment variables win over .deploy.json', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-config-'))
  try {
    expect(() => loadDeployConfig(dir, {})).toThrow(ConfigError)
    try { loadDeployConfig(dir, { WX_APPID: 'abc', INVITE_PEPPER: 'short' }) } catch (error) {
      const message = (error as Error).message
      expect(message).toContain('AppID 应为 wx 开头的 18 位')
      expect(message).toContain('缺少云开发环境 ID（WX_CLOUD_ENV）')
      expect(message).toContain('缺少 AppSecret（WX_APPSECRET）')
      expect(message).toContain('INVITE_PEPPER 至少 16 个字符')
    }
    fs.writeFileSync(path.join(dir, '.deploy.json'), JSON.stringify({ appId: APP_ID, envId: 'other-env', appSecret: APP_SECRET, privateKeyPath: 'private.key' }))
    expect(() => loadDeployConfig(dir, {})).toThrow(/找不到代码上传密钥文件/)
    fs.writeFileSync(path.join(dir, 'private.key'), 'key')
    const loaded = loadDeployConfig(dir, { WX_CLOUD_ENV: ENV_ID })
    expect(loaded).toMatchObject({ appId: APP_ID, envId: ENV_ID, privateKeyPath: path.join(dir, 'private.key'), wechatBase: 'https://api.weixin.qq.com', region: 'ap-shanghai' })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('a wrong AppSecret or a missing build stops before any change, with a Chinese reason', async () => {
  await expect(deploy({ root, config: { ...config, appSecret: 'f'.repeat(32) }, ci: standin.ci(), log })).rejects.toThrow(/AppSecret 不对/)
  fs.rmSync(path.join(root, 'cloudfunctions', 'publishDaily', 'index.js'))
  await expect(run()).rejects.toThrow(/尚未构建：云函数 publishDaily（npm run build:cloud）/)
  expect(standin.mutations).toBe(0)
  expect(standin.violations).toEqual([])
})

test('the stand-in refuses requests of the wrong shape (so the suites above prove the shapes)', async () => {
  const token = ((await (await fetch(`${standin.base}/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${APP_SECRET}`)).json()) as { access_token: string }).access_token
  const post = (api: string, body: unknown) => fetch(`${standin.base}/${api}?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ errcode: number }>)
  expect((await post('tcb/updateindex', { env: ENV_ID, collection_name: 'notices', create_indexes: [{ name: 'x', unique: false, keys: [{ name: 'a', direction: 1 }] }], drop_indexes: [] })).errcode).toBe(40097)
  expect((await post('tcb/databasecollectionadd', { env: 'another-env', collection_name: 'notices' })).errcode).toBe(40097)
  const unsigned = await fetch(`${standin.base}/tc/tcb/`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'x-tc-action': 'DescribeTable', 'x-tc-version': '2018-06-08', 'x-tc-token': 'standin-session-token', 'x-tc-timestamp': String(Math.floor(Date.now() / 1000)), 'x-tc-region': 'ap-shanghai', authorization: 'TC3-HMAC-SHA256 Credential=x' }, body: '{}' })
  expect(((await unsigned.json()) as { Response: { Error: { Code: string } } }).Response.Error.Code).toBe('AuthFailure.SignatureFailure')
  expect(standin.violations).toHaveLength(3)
  expect(standin.mutations).toBe(0)
})
