import fs from 'node:fs'
import path from 'node:path'
import type { CloudClient, FunctionSettings, RemoteFunction, RemoteIndex } from './client'
import { CODE_SHA_VARIABLE, COLLECTION_ACL, folderSha, functionSha, sameKeys, type Desired } from './desired'

/** What the environment has now, for the desired collections and functions. */
export interface RemoteState {
  collections: Set<string>
  acl: Map<string, string | null>
  indexes: Map<string, RemoteIndex[]>
  functions: Map<string, RemoteFunction | null>
}

export async function readRemote(client: CloudClient, desired: Desired): Promise<RemoteState> {
  const collections = new Set(await client.listCollections())
  const acl = new Map<string, string | null>()
  const indexes = new Map<string, RemoteIndex[]>()
  for (const { name } of desired.collections) {
    acl.set(name, collections.has(name) ? await client.getAcl(name) : null)
    indexes.set(name, collections.has(name) ? await client.listIndexes(name) : [])
  }
  const functions = new Map<string, RemoteFunction | null>()
  for (const fn of desired.functions) functions.set(fn.name, await client.getFunction(fn.name))
  return { collections, acl, indexes, functions }
}

/** One change, in the order deploy makes them: collections, permissions, indexes, functions, triggers, code. */
export type Change =
  | { step: 'collection'; collection: string }
  | { step: 'permission'; collection: string; from: string | null }
  | { step: 'index'; collection: string; indexes: RemoteIndex[] }
  | { step: 'function-code'; fn: string; dir: string; sha: string | null }
  | { step: 'function-settings'; fn: string; settings: FunctionSettings; differences: string[] }
  | { step: 'trigger'; fn: string; triggers: Array<{ name: string; type: string; config: string }> }
  | { step: 'weapp'; sha: string | null }

const STATE_FILE = '.deploy-state.json'
type LocalState = Record<string, { weappSha?: string }>

export function readLocalState(root: string): LocalState {
  const file = path.join(root, STATE_FILE)
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}
}
export function writeLocalState(root: string, state: LocalState) {
  fs.writeFileSync(path.join(root, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`)
}
export const weappSha = (root: string) => folderSha(path.join(root, 'dist', 'weapp'))

export function planChanges(desired: Desired, remote: RemoteState, local: { appId: string; root: string }): Change[] {
  const changes: Change[] = []
  for (const { name } of desired.collections) if (!remote.collections.has(name)) changes.push({ step: 'collection', collection: name })
  for (const { name } of desired.collections) {
    const acl = remote.acl.get(name) ?? null
    if (acl !== COLLECTION_ACL) changes.push({ step: 'permission', collection: name, from: acl })
  }
  for (const { name, indexes } of desired.collections) {
    const have = remote.indexes.get(name) ?? []
    const missing = indexes.filter((index) => !have.some((existing) => sameKeys(existing, index)))
    if (missing.length > 0) changes.push({ step: 'index', collection: name, indexes: missing })
  }
  for (const fn of desired.functions) {
    const current = remote.functions.get(fn.name) ?? null
    const sha = functionSha(fn.dir)
    const uploaded = current?.variables[CODE_SHA_VARIABLE]
    if (!current || sha === null || uploaded !== sha) changes.push({ step: 'function-code', fn: fn.name, dir: fn.dir, sha })
    const variables = { ...current?.variables, ...fn.variables, ...(sha ? { [CODE_SHA_VARIABLE]: sha } : {}) }
    const settings = { timeout: fn.timeout, memorySize: fn.memorySize, runtime: fn.runtime, variables }
    const differences = current ? settingDifferences(current, settings) : newSettings(settings)
    if (differences.length > 0) changes.push({ step: 'function-settings', fn: fn.name, settings, differences })
    const missingTriggers = fn.triggers.filter((trigger) => !current?.triggers.some((t) => t.type === 'timer' && t.name === trigger.name && t.desc === trigger.config))
    if (missingTriggers.length > 0) changes.push({ step: 'trigger', fn: fn.name, triggers: fn.triggers })
  }
  const sha = weappSha(local.root)
  if (sha === null || readLocalState(local.root)[local.appId]?.weappSha !== sha) changes.push({ step: 'weapp', sha })
  return changes
}

export function settingDifferences(current: RemoteFunction, want: FunctionSettings): string[] {
  const out: string[] = []
  if (current.timeout !== want.timeout) out.push(`超时 ${current.timeout} → ${want.timeout} 秒`)
  if (current.memorySize !== want.memorySize) out.push(`内存 ${current.memorySize} → ${want.memorySize} MB`)
  if (current.runtime !== want.runtime) out.push(`运行环境 ${current.runtime} → ${want.runtime}`)
  for (const [key, value] of Object.entries(want.variables)) {
    if (current.variables[key] !== value) out.push(`环境变量 ${key}${key === CODE_SHA_VARIABLE ? ` = ${value}` : ' 已更新'}`)
  }
  return out
}

const newSettings = (settings: FunctionSettings) => [
  `超时 ${settings.timeout} 秒`,
  `内存 ${settings.memorySize} MB`,
  `运行环境 ${settings.runtime}`,
  `环境变量 ${Object.keys(settings.variables).join('、') || '（无）'}`,
]

/** One line for the dry-run's end: how many of each. */
export function summarize(changes: Change[]): string {
  const count = (step: Change['step']) => changes.filter((c) => c.step === step).length
  const indexes = changes.reduce((n, c) => n + (c.step === 'index' ? c.indexes.length : 0), 0)
  return `合计：新建集合 ${count('collection')} 个，设置权限 ${count('permission')} 个集合，新建索引 ${indexes} 个，上传云函数 ${count('function-code')} 个，` +
    `函数配置 ${count('function-settings')} 个，定时触发器 ${count('trigger')} 个，小程序代码 ${count('weapp')} 次。`
}

export function describeChange(change: Change): string {
  switch (change.step) {
    case 'collection': return `新建集合 ${change.collection}`
    case 'permission': return `集合 ${change.collection} 的权限 ${change.from ?? '（新集合）'} → ${COLLECTION_ACL}（仅管理端可读写）`
    case 'index': return `集合 ${change.collection} 新建索引 ${change.indexes.map((i) => `(${i.keys.map((k) => k.name).join(', ')})`).join('、')}`
    case 'function-code': return `上传云函数 ${change.fn}（云端安装依赖）${change.sha ? `，代码 ${change.sha}` : '，尚未构建：部署时先构建'}`
    case 'function-settings': return `云函数 ${change.fn} 的配置：${change.differences.join('；')}`
    case 'trigger': return `云函数 ${change.fn} 的定时触发器 ${change.triggers.map((t) => `${t.name}（${t.config}）`).join('、')}`
    case 'weapp': return `上传小程序代码为开发版${change.sha ? `（${change.sha}）` : '（尚未构建：部署时先构建）'}`
  }
}
