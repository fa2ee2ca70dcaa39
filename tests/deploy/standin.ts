import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import type { CiPort } from '../../scripts/deploy/ci'
import { tc3Authorization } from '../../scripts/deploy/tc3'

/**
 * A local stand-in for the endpoints deploy and doctor use, checking each request against the shape
 * the services document (WeChat cloud development HTTP API; Tencent Cloud API 3.0 common headers and
 * the TC3 signature; the actions' parameters). A request of the wrong shape is refused and recorded
 * in `violations`. Listens on 127.0.0.1 only.
 */
export const APP_ID = 'wx0123456789abcdef'
export const APP_SECRET = '0123456789abcdef0123456789abcdef'
export const ENV_ID = 'fivestar-test-1a2b'

interface Fn { Timeout: number; MemorySize: number; Runtime: string; Variables: Record<string, string>; Triggers: Array<{ Type: string; TriggerName: string; TriggerDesc: string }> }
interface Index { Name: string; Unique: boolean; Keys: Array<{ Name: string; Direction: string }> }

const Env = z.literal(ENV_ID)
const WX_BODIES: Record<string, z.ZodTypeAny> = {
  'tcb/getqcloudtoken': z.object({ lifespan: z.number().int().min(1).max(7200) }).strict(),
  'tcb/databasecollectionget': z.object({ env: Env, limit: z.number().int().min(1).optional(), offset: z.number().int().min(0).optional() }).strict(),
  'tcb/databasecollectionadd': z.object({ env: Env, collection_name: z.string().min(1) }).strict(),
  'tcb/updateindex': z.object({
    env: Env,
    collection_name: z.string().min(1),
    create_indexes: z.array(z.object({ name: z.string().min(1), unique: z.boolean(), keys: z.array(z.object({ name: z.string().min(1), direction: z.enum(['1', '-1', '2dsphere']) }).strict()).min(1) }).strict()),
    drop_indexes: z.array(z.object({ name: z.string().min(1) }).strict()),
  }).strict(),
  'tcb/databasequery': z.object({ env: Env, query: z.string().min(1) }).strict(),
}
const TC_ACTIONS: Record<string, { service: string; version: string; params: z.ZodTypeAny }> = {
  DescribeDatabaseACL: { service: 'tcb', version: '2018-06-08', params: z.object({ EnvId: Env, CollectionName: z.string().min(1) }).strict() },
  ModifyDatabaseACL: { service: 'tcb', version: '2018-06-08', params: z.object({ EnvId: Env, CollectionName: z.string().min(1), AclTag: z.enum(['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY']) }).strict() },
  DescribeTable: { service: 'tcb', version: '2018-06-08', params: z.object({ EnvId: Env, TableName: z.string().min(1) }).strict() },
  GetFunction: { service: 'scf', version: '2018-04-16', params: z.object({ FunctionName: z.string().min(1), Namespace: Env }).strict() },
  UpdateFunctionConfiguration: {
    service: 'scf', version: '2018-04-16',
    params: z.object({
      FunctionName: z.string().min(1), Namespace: Env, Timeout: z.number().int().min(1).max(900), MemorySize: z.number().int().min(64).max(3072),
      Runtime: z.string().regex(/^Nodejs\d+\.\d+$/), Environment: z.object({ Variables: z.array(z.object({ Key: z.string().regex(/^[A-Za-z_]\w*$/), Value: z.string() }).strict()) }).strict(),
    }).strict(),
  },
}
const MUTATING = new Set(['tcb/databasecollectionadd', 'tcb/updateindex', 'ModifyDatabaseACL', 'UpdateFunctionConfiguration', 'ci.uploadFunction', 'ci.createTimeTrigger', 'ci.upload'])

export class CloudStandin {
  collections = new Map<string, { acl: string; indexes: Index[]; docs: Set<string> }>()
  functions = new Map<string, Fn>()
  uploads: string[] = []
  violations: string[] = []
  requests: string[] = []
  mutations = 0
  /** The n-th mutating request (1-based, counted from now) fails without effect, like a dropped connection. */
  failAt: number | null = null
  private server = http.createServer((req, res) => void this.handle(req, res))
  private accessToken = 'standin-access-token'
  private qcloud = { secretid: 'AKIDstandin', secretkey: 'standin-secret-key', token: 'standin-session-token' }
  base = ''

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }
  stop() { return new Promise<void>((resolve) => this.server.close(() => resolve())) }

  /** Counts a mutation; true when this one is the injected failure. */
  private mutate(api: string): boolean {
    if (!MUTATING.has(api)) return false
    this.mutations += 1
    if (this.failAt !== null && this.mutations === this.failAt) { this.failAt = null; return true }
    return false
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', this.base)
    const send = (body: unknown) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)) }
    const refuse = (why: string, body: unknown) => { this.violations.push(why); send(body) }
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      this.requests.push('cgi-bin/token')
      const q = url.searchParams
      if (q.get('grant_type') !== 'client_credential' || q.get('appid') !== APP_ID || q.get('secret') !== APP_SECRET) return send({ errcode: 40125, errmsg: 'invalid appsecret' })
      return send({ access_token: this.accessToken, expires_in: 7200 })
    }
    if (req.method === 'POST' && url.pathname.startsWith('/tcb/')) {
      const api = url.pathname.slice(1)
      this.requests.push(api)
      if (url.searchParams.get('access_token') !== this.accessToken) return refuse(`${api}: access_token`, { errcode: 40014, errmsg: 'invalid access_token' })
      const schema = WX_BODIES[api]
      if (!schema) return refuse(`${api}: no such endpoint`, { errcode: 404, errmsg: 'not found' })
      let body: unknown
      try { body = JSON.parse(raw) } catch { return refuse(`${api}: body is not JSON`, { errcode: 47001, errmsg: 'data format error' }) }
      const parsed = schema.safeParse(body)
      if (!parsed.success) return refuse(`${api}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, { errcode: 40097, errmsg: 'invalid args' })
      if (this.mutate(api)) return send({ errcode: -1, errmsg: 'system error (injected)' })
      return send(this.wechat(api, parsed.data))
    }
    const tcPath = /^\/tc\/(tcb|scf)\/$/.exec(url.pathname)
    if (req.method === 'POST' && tcPath) return send(this.tencent(tcPath[1], req, raw))
    refuse(`${req.method} ${url.pathname}: unknown`, { errcode: 404 })
  }

  private wechat(api: string, body: any): unknown {
    const ok = { errcode: 0, errmsg: 'ok' }
    switch (api) {
      case 'tcb/getqcloudtoken': return { ...ok, ...this.qcloud, expired_time: Math.floor(Date.now() / 1000) + body.lifespan }
      case 'tcb/databasecollectionget': {
        const all = [...this.collections.keys()]
        const offset = body.offset ?? 0
        const limit = body.limit ?? 10
        const page = all.slice(offset, offset + limit).map((name) => ({ name, count: this.collections.get(name)!.docs.size, size: 0, index_count: this.collections.get(name)!.indexes.length, index_size: 0 }))
        return { ...ok, pager: { Offset: offset, Limit: limit, Total: all.length }, collections: page }
      }
      case 'tcb/databasecollectionadd':
        if (this.collections.has(body.collection_name)) return { errcode: -502005, errmsg: 'database collection exists' }
        this.collections.set(body.collection_name, { acl: 'PRIVATE', indexes: [{ Name: '_id_', Unique: true, Keys: [{ Name: '_id', Direction: '1' }] }], docs: new Set() })
        return ok
      case 'tcb/updateindex': {
        const collection = this.collections.get(body.collection_name)
        if (!collection) return { errcode: -502001, errmsg: 'collection not exists' }
        for (const index of body.create_indexes) {
          if (collection.indexes.some((i) => i.Name === index.name)) return { errcode: -502003, errmsg: `index ${index.name} exists` }
        }
        for (const index of body.create_indexes) collection.indexes.push({ Name: index.name, Unique: index.unique, Keys: index.keys.map((k: any) => ({ Name: k.name, Direction: k.direction })) })
        collection.indexes = collection.indexes.filter((i) => !body.drop_indexes.some((d: any) => d.name === i.Name))
        return ok
      }
      case 'tcb/databasequery': {
        const match = /^db\.collection\("(\w+)"\)\.where\(\{_id:"([\w-]+)"\}\)\.limit\(1\)\.get\(\)$/.exec(body.query)
        if (!match) { this.violations.push(`databasequery: unexpected query ${body.query}`); return { errcode: 40097, errmsg: 'invalid query' } }
        const found = this.collections.get(match[1])?.docs.has(match[2])
        return { ...ok, pager: { Offset: 0, Limit: 1, Total: found ? 1 : 0 }, data: found ? [JSON.stringify({ _id: match[2] })] : [] }
      }
    }
    return { errcode: 404 }
  }

  private tencent(service: string, req: http.IncomingMessage, raw: string): unknown {
    const fail = (why: string, code = 'InvalidParameter') => { if (code === 'InvalidParameter' || code.startsWith('AuthFailure')) this.violations.push(why); return { Response: { Error: { Code: code, Message: why }, RequestId: 'r' } } }
    const action = String(req.headers['x-tc-action'] ?? '')
    const spec = TC_ACTIONS[action]
    this.requests.push(`${service}.${action}`)
    if (!spec || spec.service !== service) return fail(`${service}: unknown action ${action}`)
    if (req.headers['x-tc-version'] !== spec.version) return fail(`${action}: X-TC-Version ${req.headers['x-tc-version']}`)
    if (req.headers['content-type'] !== 'application/json; charset=utf-8') return fail(`${action}: content-type`)
    if (req.headers['x-tc-token'] !== this.qcloud.token) return fail(`${action}: X-TC-Token`, 'AuthFailure.TokenFailure')
    const timestamp = Number(req.headers['x-tc-timestamp'])
    if (!Number.isInteger(timestamp) || Math.abs(timestamp - Date.now() / 1000) > 300) return fail(`${action}: X-TC-Timestamp`, 'AuthFailure.SignatureExpire')
    if (!/^[a-z]+-[a-z]+$/.test(String(req.headers['x-tc-region'] ?? ''))) return fail(`${action}: X-TC-Region`)
    const expected = tc3Authorization({ credentials: { secretId: this.qcloud.secretid, secretKey: this.qcloud.secretkey }, service, host: String(req.headers.host), payload: raw, timestamp })
    if (req.headers.authorization !== expected) return fail(`${action}: signature`, 'AuthFailure.SignatureFailure')
    const parsed = spec.params.safeParse(JSON.parse(raw))
    if (!parsed.success) return fail(`${action}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
    if (this.mutate(action)) return { Response: { Error: { Code: 'InternalError', Message: 'injected' }, RequestId: 'r' } }
    const p: any = parsed.data
    const ok = (extra: object = {}) => ({ Response: { ...extra, RequestId: 'r' } })
    switch (action) {
      case 'DescribeDatabaseACL':
      case 'ModifyDatabaseACL':
      case 'DescribeTable': {
        const collection = this.collections.get(p.CollectionName ?? p.TableName)
        if (!collection) return fail('no such collection', 'ResourceNotFound')
        if (action === 'DescribeDatabaseACL') return ok({ AclTag: collection.acl })
        if (action === 'ModifyDatabaseACL') { collection.acl = p.AclTag; return ok() }
        return ok({ Indexes: collection.indexes.map((i) => ({ ...i, Size: 0, Accesses: { Ops: 0, Since: '' } })), IndexNum: collection.indexes.length })
      }
      case 'GetFunction': {
        const fn = this.functions.get(p.FunctionName)
        if (!fn) return fail('function not found', 'ResourceNotFound.Function')
        return ok({ FunctionName: p.FunctionName, Timeout: fn.Timeout, MemorySize: fn.MemorySize, Runtime: fn.Runtime, Environment: { Variables: Object.entries(fn.Variables).map(([Key, Value]) => ({ Key, Value })) }, Triggers: fn.Triggers })
      }
      case 'UpdateFunctionConfiguration': {
        const fn = this.functions.get(p.FunctionName)
        if (!fn) return fail('function not found', 'ResourceNotFound.Function')
        Object.assign(fn, { Timeout: p.Timeout, MemorySize: p.MemorySize, Runtime: p.Runtime, Variables: Object.fromEntries(p.Environment.Variables.map((v: any) => [v.Key, v.Value])) })
        return ok()
      }
    }
    return fail('unhandled')
  }

  /** A recorder in place of miniprogram-ci that changes this stand-in's state as the real uploads would. */
  ci(): CiPort {
    const injected = (api: string) => { this.requests.push(api); if (this.mutate(api)) throw new Error(`${api}: network error (injected)`) }
    return {
      uploadFunction: async (name, dir) => {
        injected('ci.uploadFunction')
        if (!this.functions.has(name)) this.functions.set(name, { Timeout: 3, MemorySize: 256, Runtime: 'Nodejs8.9', Variables: {}, Triggers: [] })
        this.uploads.push(`function ${name} ${dir}`)
      },
      createTimeTrigger: async (name, triggers) => {
        injected('ci.createTimeTrigger')
        const fn = this.functions.get(name)
        if (!fn) throw new Error(`no function ${name}`)
        for (const t of triggers) {
          if (t.type !== 'timer' || !/^\S+( \S+){6}$/.test(t.config)) this.violations.push(`createTimeTrigger: ${JSON.stringify(t)}`)
          fn.Triggers = fn.Triggers.filter((x) => x.TriggerName !== t.name).concat({ Type: 'timer', TriggerName: t.name, TriggerDesc: t.config })
        }
      },
      uploadCode: async ({ version }) => {
        injected('ci.upload')
        if (!/^\d+\.\d+\.\d+$/.test(version)) this.violations.push(`upload: version ${version}`)
        this.uploads.push(`weapp ${version}`)
      },
    }
  }
}
