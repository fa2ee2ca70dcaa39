import { z } from 'zod'
import { tc3Authorization, TC3_CONTENT_TYPE, type Tc3Credentials } from './tc3'

/**
 * The one way deploy and doctor reach the cloud over HTTP (miniprogram-ci does the uploads). Two
 * documented APIs, both with configurable base addresses so tests talk to a local stand-in:
 * - WeChat's cloud development HTTP API (api.weixin.qq.com): access token, databasecollectionget,
 *   databasecollectionadd, updateindex, databasequery, getqcloudtoken;
 * - Tencent Cloud API 3.0, signed with the temporary credentials getqcloudtoken hands out, for what
 *   WeChat's API does not offer to a mini-program itself: a collection's permission (tcb
 *   DescribeDatabaseACL / ModifyDatabaseACL), its index list (tcb DescribeTable) and a function's
 *   settings and triggers (scf GetFunction / UpdateFunctionConfiguration).
 */
export interface CloudClientOptions {
  appId: string
  appSecret: string
  envId: string
  region: string
  wechatBase: string
  /** `${base}/${service}/` when set; `https://${service}.tencentcloudapi.com/` otherwise. */
  tencentCloudBase?: string
}

/** What a clerk can do about the common error codes (WeChat's errcode, Tencent Cloud's Error.Code). */
const HINTS: Record<string, string> = {
  '40013': 'AppID 不对',
  '40125': 'AppSecret 不对（开发设置中重置后要更新配置）',
  '40164': '本机 IP 不在小程序的 IP 白名单中（开发设置 → IP 白名单）',
  '85088': '这个小程序还没有开通云开发',
  '-501000': '云开发环境 ID 不对，或环境不属于这个小程序',
  '45009': '调用太频繁（getqcloudtoken 每小时 10 次），一小时后再试',
  'AuthFailure.UnauthorizedOperation': '临时凭证没有这项权限',
}

export class CloudApiError extends Error {
  constructor(readonly api: string, readonly code: string, message: string) {
    super(`${api} 失败：${code} ${message}${HINTS[code] ? `——${HINTS[code]}` : ''}`)
  }
}

export interface IndexKey { name: string; direction: string }
export interface RemoteIndex { name: string; keys: IndexKey[]; unique: boolean }
export interface RemoteFunction {
  timeout: number
  memorySize: number
  runtime: string
  variables: Record<string, string>
  triggers: Array<{ type: string; name: string; desc: string }>
}
export interface FunctionSettings { timeout: number; memorySize: number; runtime: string; variables: Record<string, string> }

/** The answers' documented fields this client reads; anything else fails loudly instead of reading undefined. */
const Ok = z.object({})
const TokenAnswer = z.object({ access_token: z.string().min(1) })
const QcloudAnswer = z.object({ secretid: z.string(), secretkey: z.string(), token: z.string() })
const CollectionsAnswer = z.object({ collections: z.array(z.object({ name: z.string() })), pager: z.object({ Total: z.number() }) })
const QueryAnswer = z.object({ data: z.array(z.string()) })
const TableAnswer = z.object({ Indexes: z.array(z.object({ Name: z.string(), Unique: z.boolean(), Keys: z.array(z.object({ Name: z.string(), Direction: z.union([z.string(), z.number()]) })) })) })
const AclAnswer = z.object({ AclTag: z.string() })
const FunctionAnswer = z.object({
  Timeout: z.number(),
  MemorySize: z.number(),
  Runtime: z.string(),
  Environment: z.object({ Variables: z.array(z.object({ Key: z.string(), Value: z.string() })).nullish() }).nullish(),
  Triggers: z.array(z.object({ Type: z.string(), TriggerName: z.string(), TriggerDesc: z.string() })).nullish(),
})

async function readJson(api: string, response: Response): Promise<any> {
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    throw new CloudApiError(api, `HTTP ${response.status}`, `答复不是 JSON：${text.slice(0, 80)}`)
  }
}

function answer<T>(api: string, schema: z.ZodType<T>, json: unknown): T {
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw new CloudApiError(api, '答复格式', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；'))
  return parsed.data
}

export class CloudClient {
  private token?: Promise<string>
  private credentials?: Promise<Tc3Credentials>

  constructor(private readonly options: CloudClientOptions) {}

  private accessToken(): Promise<string> {
    this.token ??= (async () => {
      const { appId, appSecret, wechatBase } = this.options
      const api = 'cgi-bin/token'
      const url = `${wechatBase}/${api}?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(appSecret)}`
      const json = await readJson(api, await fetch(url))
      if (json.errcode) throw new CloudApiError('获取 access_token', String(json.errcode), json.errmsg ?? '')
      return answer(api, TokenAnswer, json).access_token
    })()
    this.token.catch(() => (this.token = undefined))
    return this.token
  }

  /** A POST to WeChat's API; errcode 0 or a thrown CloudApiError. */
  private async wx<T>(api: string, body: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    const token = await this.accessToken()
    const response = await fetch(`${this.options.wechatBase}/${api}?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const json = await readJson(api, response)
    if (json.errcode) throw new CloudApiError(api, String(json.errcode), json.errmsg ?? '')
    return answer(api, schema, json)
  }

  private qcloudCredentials(): Promise<Tc3Credentials> {
    this.credentials ??= this.wx('tcb/getqcloudtoken', { lifespan: 7200 }, QcloudAnswer).then(
      (body) => ({ secretId: body.secretid, secretKey: body.secretkey, token: body.token }),
    )
    this.credentials.catch(() => (this.credentials = undefined))
    return this.credentials
  }

  /** A Tencent Cloud API 3.0 call; `Response.Error` becomes a CloudApiError with its Code. */
  private async tc<T>(service: string, version: string, action: string, params: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    const credentials = await this.qcloudCredentials()
    const url = new URL(this.options.tencentCloudBase ? `${this.options.tencentCloudBase}/${service}/` : `https://${service}.tencentcloudapi.com/`)
    const payload = JSON.stringify(params)
    const timestamp = Math.floor(Date.now() / 1000)
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': TC3_CONTENT_TYPE,
        authorization: tc3Authorization({ credentials, service, host: url.host, payload, timestamp }),
        'x-tc-action': action,
        'x-tc-version': version,
        'x-tc-timestamp': String(timestamp),
        'x-tc-region': this.options.region,
        ...(credentials.token ? { 'x-tc-token': credentials.token } : {}),
      },
      body: payload,
    })
    const api = `${service}.${action}`
    const json = await readJson(api, response)
    const error = json?.Response?.Error
    if (error) throw new CloudApiError(api, String(error.Code), String(error.Message ?? ''))
    return answer(api, schema, json?.Response)
  }

  async listCollections(): Promise<string[]> {
    const names: string[] = []
    for (let offset = 0; ; offset += 100) {
      const page = await this.wx('tcb/databasecollectionget', { env: this.options.envId, limit: 100, offset }, CollectionsAnswer)
      names.push(...page.collections.map((collection) => collection.name))
      if (page.collections.length < 100 || names.length >= page.pager.Total) return names
    }
  }

  async addCollection(name: string): Promise<void> {
    await this.wx('tcb/databasecollectionadd', { env: this.options.envId, collection_name: name }, Ok)
  }

  async createIndexes(collection: string, indexes: RemoteIndex[]): Promise<void> {
    await this.wx('tcb/updateindex', {
      env: this.options.envId,
      collection_name: collection,
      create_indexes: indexes.map((index) => ({ name: index.name, unique: index.unique, keys: index.keys })),
      drop_indexes: [],
    }, Ok)
  }

  async listIndexes(collection: string): Promise<RemoteIndex[]> {
    const body = await this.tc('tcb', '2018-06-08', 'DescribeTable', { EnvId: this.options.envId, TableName: collection }, TableAnswer)
    return body.Indexes.map((index) => ({ name: index.Name, unique: index.Unique, keys: index.Keys.map((key) => ({ name: key.Name, direction: String(key.Direction) })) }))
  }

  async getAcl(collection: string): Promise<string> {
    const body = await this.tc('tcb', '2018-06-08', 'DescribeDatabaseACL', { EnvId: this.options.envId, CollectionName: collection }, AclAnswer)
    return body.AclTag
  }

  async setAcl(collection: string, aclTag: string): Promise<void> {
    await this.tc('tcb', '2018-06-08', 'ModifyDatabaseACL', { EnvId: this.options.envId, CollectionName: collection, AclTag: aclTag }, Ok)
  }

  /** null when the function does not exist yet. */
  async getFunction(name: string): Promise<RemoteFunction | null> {
    try {
      const body = await this.tc('scf', '2018-04-16', 'GetFunction', { FunctionName: name, Namespace: this.options.envId }, FunctionAnswer)
      return {
        timeout: body.Timeout,
        memorySize: body.MemorySize,
        runtime: body.Runtime,
        variables: Object.fromEntries((body.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
        triggers: (body.Triggers ?? []).map((t) => ({ type: t.Type, name: t.TriggerName, desc: t.TriggerDesc })),
      }
    } catch (error) {
      if (error instanceof CloudApiError && error.code.startsWith('ResourceNotFound')) return null
      throw error
    }
  }

  async updateFunction(name: string, settings: FunctionSettings): Promise<void> {
    await this.tc('scf', '2018-04-16', 'UpdateFunctionConfiguration', {
      FunctionName: name,
      Namespace: this.options.envId,
      Timeout: settings.timeout,
      MemorySize: settings.memorySize,
      Runtime: settings.runtime,
      Environment: { Variables: Object.entries(settings.variables).map(([Key, Value]) => ({ Key, Value })) },
    }, Ok)
  }

  /** Whether a document with this _id exists in the collection (databasequery). */
  async hasDocument(collection: string, id: string): Promise<boolean> {
    const body = await this.wx('tcb/databasequery', {
      env: this.options.envId,
      query: `db.collection(${JSON.stringify(collection)}).where({_id:${JSON.stringify(id)}}).limit(1).get()`,
    }, QueryAnswer)
    return body.data.length > 0
  }
}
