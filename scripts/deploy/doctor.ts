import type { CloudClient } from './client'
import { CODE_SHA_VARIABLE, COLLECTION_ACL, functionSha, sameKeys, type Desired } from './desired'
import type { RemoteState } from './plan'

export interface Finding { level: '错误' | '警告'; text: string }

/** Read-only checks of a live environment against the repository's declarations. */
export async function diagnose(client: CloudClient, desired: Desired, remote: RemoteState): Promise<Finding[]> {
  const findings: Finding[] = []
  const error = (text: string) => findings.push({ level: '错误', text })
  const warn = (text: string) => findings.push({ level: '警告', text })
  for (const { name, indexes } of desired.collections) {
    if (!remote.collections.has(name)) { error(`缺少集合 ${name}`); continue }
    const acl = remote.acl.get(name)
    if (acl !== COLLECTION_ACL) error(`集合 ${name} 的权限是 ${acl}，应为 ${COLLECTION_ACL}（仅管理端可读写）`)
    const have = remote.indexes.get(name) ?? []
    for (const index of indexes) if (!have.some((existing) => sameKeys(existing, index))) error(`集合 ${name} 缺少索引 (${index.keys.map((k) => k.name).join(', ')})`)
    for (const existing of have) {
      if (existing.name === '_id_' || indexes.some((index) => sameKeys(existing, index))) continue
      warn(`集合 ${name} 有多余的索引 ${existing.name} (${existing.keys.map((k) => k.name).join(', ')})：collections.ts 未声明，写入时白白维护`)
    }
  }
  for (const fn of desired.functions) {
    const current = remote.functions.get(fn.name)
    if (!current) { error(`缺少云函数 ${fn.name}`); continue }
    if (current.timeout !== fn.timeout) error(`云函数 ${fn.name} 超时 ${current.timeout} 秒，应为 ${fn.timeout} 秒`)
    if (current.memorySize !== fn.memorySize) error(`云函数 ${fn.name} 内存 ${current.memorySize} MB，应为 ${fn.memorySize} MB`)
    if (current.runtime !== fn.runtime) error(`云函数 ${fn.name} 运行环境 ${current.runtime}，应为 ${fn.runtime}`)
    const sha = functionSha(fn.dir)
    if (sha && current.variables[CODE_SHA_VARIABLE] !== sha) warn(`云函数 ${fn.name} 的代码与本地构建 ${sha} 不同（${current.variables[CODE_SHA_VARIABLE] ?? '未记录'}）`)
    for (const trigger of fn.triggers) {
      if (!current.triggers.some((t) => t.type === 'timer' && t.name === trigger.name && t.desc === trigger.config)) error(`云函数 ${fn.name} 缺少定时触发器 ${trigger.name}（${trigger.config}）`)
    }
    if (fn.name === 'api') {
      const admins = current.variables.ADMIN_OPENIDS
      if (!admins) warn('api 未设置 ADMIN_OPENIDS：没有部署管理员，无法新建乡镇和邀请第一位管理员')
      else if (!/^[\w-]+(,[\w-]+)*$/.test(admins)) error('api 的 ADMIN_OPENIDS 格式不对：应为逗号分隔的用户编号，不含空格')
      const pepper = current.variables.INVITE_PEPPER
      if (pepper === undefined) warn('api 未设置 INVITE_PEPPER：将使用自动生成并存在 settings 集合中的密钥')
      else if (pepper.length < 16) error(`api 的 INVITE_PEPPER 只有 ${pepper.length} 个字符，至少 16 个`)
    }
  }
  if (remote.collections.has('townships')) {
    const township = remote.functions.get('api')?.variables.TOWNSHIP_ID || 'fanggang'
    if (!(await client.hasDocument('townships', township))) warn(`townships 中没有默认乡镇 ${township}：用 npm run export:seed 生成的文件在控制台导入`)
  }
  return findings
}
