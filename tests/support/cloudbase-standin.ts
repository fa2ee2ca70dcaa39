/**
 * A STAND-IN for the CloudBase database HTTP API, for tests — not the real cloud. The real
 * wx-server-sdk, pointed at it through the environment the cloud would inject, sends its usual
 * signed POSTs to `/admin`; the stand-in decodes their EJSON queries and updates and answers in
 * the shapes the SDK parses (read from @cloudbase/database 1.4.3 and @cloudbase/node-sdk 3.17.2).
 * Signatures are not checked. It counts requests by action so benchmarks can report what each
 * port operation costs in round trips.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { EJSON } from 'bson'
import { StandinData, StandinError, type StandinDoc } from './cloudbase-standin-data'
import { answerOpenApi, isMultipart, type OpenApiCall } from './cloudbase-standin-openapi'

export type { StandinDoc } from './cloudbase-standin-data'
export type { OpenApiCall } from './cloudbase-standin-openapi'

export interface CloudbaseStandin {
  readonly url: string
  readonly env: string
  /** Environment variables that point wx-server-sdk at the stand-in, as `caller` (its OPENID). */
  sdkEnv(caller?: { openid?: string; appid?: string }): Record<string, string>
  /** Requests received, by action (`database.getDocument`, …), since the last reset. */
  requestCounts(): Record<string, number>
  resetRequestCounts(): void
  /** Every collection's documents, sorted by `_id`. */
  exportData(): Record<string, StandinDoc[]>
  importData(data: Record<string, StandinDoc[]>): void
  /** `cloud.openapi.*` calls received (msgSecCheck is answered; see cloudbase-standin-openapi.ts). */
  openapiCalls(): OpenApiCall[]
  /** Every database request answers after this many milliseconds (a plausible in-region round trip is 10). */
  setLatency(ms: number): void
  /** Database requests received since the stand-in started (what `failRequest` counts). */
  databaseRequests(): number
  /**
   * Makes database request number `at` (counted by `databaseRequests`, so pass `databaseRequests() + k`)
   * fail: `before` answers an error without running it; `after` runs it and then answers an error (the
   * answer is lost). Null clears it.
   */
  failRequest(plan: FailurePlan | null): void
  /**
   * The next `count` transaction commits are aborted by the database: nothing of the transaction is
   * applied and the commit answers that it was aborted (what a real service does on a write conflict
   * it detects at commit, a failover, a transaction past its lifetime). `Infinity`: every commit; 0 clears it.
   */
  abortCommits(count: number): void
  /** Commits aborted by `abortCommits` so far. */
  abortedCommits(): number
  /** Whether the planned failure happened. */
  failureHappened(): boolean
  /**
   * Resolves once no database request has been in flight for `quietMs`: a call that failed part-way
   * may still have sibling requests (parallel reads, bounded-parallel writes) running, which would
   * otherwise land on the next test's data.
   */
  idle(quietMs?: number): Promise<void>
  /** Drops all documents (collections stay declared) and the recorded openapi calls. */
  reset(): void
  close(): Promise<void>
}

export interface FailurePlan {
  at: number
  mode: 'before' | 'after'
}

export interface StandinOptions {
  /** See CloudbaseStandin.setLatency. */
  latencyMs?: number
  /** More database requests than this in flight at once are answered −501004 (EXCEED_CONCURRENT_REQUEST_LIMIT), as the service does. */
  maxConcurrent?: number
  env?: string
  /** How long a transaction nobody finishes holds the lock (default 30 s; a lost start answer leaves one). */
  transactionTtlMs?: number
  /**
   * `serialized` (default): transactions take turns behind a lock and never conflict with each other.
   * `concurrent`: they overlap as on the service; a write to a document another open transaction
   * wrote fails at once (WriteConflict), and of two that touched one document the later commit
   * answers DATABASE_TRANSACTION_CONFLICT.
   */
  transactions?: 'serialized' | 'concurrent'
  /** If given, any other collection answers DATABASE_COLLECTION_NOT_EXIST, as the service does. */
  collections?: readonly string[]
  /** msgSecCheck answers `risky` for content containing one of these (default: none, all pass). */
  riskyTerms?: readonly string[]
}

type Params = Record<string, unknown>
type Handler = (data: StandinData, params: Params) => Promise<Record<string, unknown>> | Record<string, unknown>

const str = (value: unknown, name: string): string => {
  if (typeof value !== 'string') throw new StandinError('INVALID_PARAM', `${name} must be a string`)
  return value
}
const txOf = (params: Params) => (typeof params.transactionId === 'string' ? params.transactionId : undefined)
const ejson = (value: unknown) => (typeof value === 'string' && value !== '' ? (EJSON.parse(value) as Record<string, unknown>) : {})
const encode = (doc: StandinDoc) => EJSON.stringify(doc, { relaxed: false })

const HANDLERS: Record<string, Handler> = {
  'database.getDocument': (data, p) => {
    const collection = str(p.collectionName, 'collectionName')
    const txId = txOf(p)
    const docs = txId
      ? data.readInTx(collection, ejson(p.query), txId)
      : data.read(collection, ejson(p.query), {
          order: ejson(p.order) as Record<string, 1 | -1>,
          offset: typeof p.offset === 'number' ? p.offset : 0,
          limit: typeof p.limit === 'number' ? p.limit : 100,
          projection: p.projection ? ejson(p.projection) : undefined,
        })
    return { data: { list: docs.map(encode) } }
  },
  'database.calculateDocument': (data, p) => ({ data: { total: data.count(str(p.collectionName, 'collectionName'), ejson(p.query)) } }),
  'database.insertDocument': (data, p) => {
    if (!Array.isArray(p.data)) throw new StandinError('INVALID_PARAM', 'data must be an array of EJSON documents')
    const docs = p.data.map((item) => ejson(item) as StandinDoc)
    return { data: { insertedIds: data.insert(str(p.collectionName, 'collectionName'), docs, txOf(p)) } }
  },
  'database.modifyDocument': (data, p) => {
    const options = { data: ejson(p.data), merge: p.merge !== false, multi: p.multi === true, upsert: p.upsert === true }
    const result = data.modify(str(p.collectionName, 'collectionName'), ejson(p.query), options, txOf(p))
    return { data: { updated: result.updated, ...(result.upsertId ? { upsert_id: result.upsertId } : {}) } }
  },
  'database.modifyAndReturnDoc': (data, p) => {
    const result = data.modifyAndReturn(str(p.collectionName, 'collectionName'), ejson(p.query), ejson(p.data), txOf(p))
    return { data: { updated: result.updated, doc: result.doc ? encode(result.doc) : null } }
  },
  'database.removeDocument': (data, p) => ({
    data: { deleted: data.remove(str(p.collectionName, 'collectionName'), ejson(p.query), p.multi !== false, txOf(p)) },
  }),
  'database.startTransaction': async (data) => ({ transactionId: await data.startTransaction() }),
  'database.commitTransaction': (data, p) => {
    data.commit(str(p.transactionId, 'transactionId'))
    return {}
  },
  'database.abortTransaction': (data, p) => {
    data.abort(str(p.transactionId, 'transactionId'))
    return {}
  },
}

export async function startCloudbaseStandin(options: StandinOptions = {}): Promise<CloudbaseStandin> {
  const env = options.env ?? 'standin-env'
  const data = new StandinData(env, options.collections ? new Set(options.collections) : undefined, options.transactionTtlMs, options.transactions)
  let counts: Record<string, number> = {}
  let sequence = 0
  const openapiCalls: OpenApiCall[] = []
  const riskyTerms = options.riskyTerms ?? []
  let latencyMs = options.latencyMs ?? 0
  let databaseRequests = 0
  let inFlight = 0
  let failure: FailurePlan | null = null
  let failed = false
  let abortsLeft = 0
  let aborted = 0

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      // The SDK's openapi channel (msgSecCheck) posts multipart/form-data and wants protobuf back.
      if (isMultipart(req.headers['content-type'])) {
        counts['wx.openApi'] = (counts['wx.openApi'] ?? 0) + 1
        const answer = answerOpenApi(Buffer.concat(chunks), String(req.headers['content-type']), { riskyTerms })
        if (answer.call) openapiCalls.push(answer.call)
        res.writeHead(200, { 'content-type': answer.contentType })
        res.end(answer.body)
        return
      }
      const requestId = `standin-${++sequence}`
      const number = ++databaseRequests
      inFlight++
      let body: Record<string, unknown>
      try {
        if (options.maxConcurrent !== undefined && inFlight > options.maxConcurrent) {
          throw new StandinError('EXCEED_CONCURRENT_REQUEST_LIMIT', 'stand-in: too many concurrent requests')
        }
        if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
        const planned = failure && failure.at === number ? failure : null
        if (planned?.mode === 'before') {
          failed = true
          throw new StandinError('SYS_ERR', `stand-in: request ${number} failed before it ran`)
        }
        let params: Params
        try {
          params = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Params
        } catch {
          throw new StandinError('INVALID_PARAM', 'body is not JSON')
        }
        const action = typeof params.action === 'string' ? params.action : '(none)'
        counts[action] = (counts[action] ?? 0) + 1
        const handler = Object.prototype.hasOwnProperty.call(HANDLERS, action) ? HANDLERS[action] : undefined
        if (!handler) throw new StandinError('INVALID_PARAM', `stand-in does not implement ${action}`)
        if (action === 'database.commitTransaction' && abortsLeft > 0) {
          abortsLeft--
          aborted++
          const txId = str(params.transactionId, 'transactionId')
          data.abort(txId)
          throw new StandinError('DATABASE_REQUEST_FAILED', `NoSuchTransaction: Transaction ${txId} has been aborted.`)
        }
        body = { requestId, ...(await handler(data, params)) }
        if (planned?.mode === 'after') {
          failed = true
          throw new StandinError('SYS_ERR', `stand-in: request ${number} ran, its answer was lost`)
        }
      } catch (error) {
        const known = error instanceof StandinError
        body = { requestId, code: known ? error.code : 'SYS_ERR', message: error instanceof Error ? error.message : String(error) }
      } finally {
        inFlight--
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    env,
    sdkEnv: (caller = {}) => ({
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
      // Dummy credentials: without them the SDK leaves an unhandled rejection that kills Node.
      TENCENTCLOUD_SECRETID: 'standin-secret-id',
      TENCENTCLOUD_SECRETKEY: 'standin-secret-key',
      SCF_NAMESPACE: env,
      TCB_ENV: env,
      // Skips the SDK's probe of Tencent Cloud's metadata host before every request.
      TENCENTCLOUD: 'true',
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
      WX_OPENID: caller.openid ?? '',
      WX_APPID: caller.appid ?? 'wx-standin-appid',
    }),
    requestCounts: () => ({ ...counts }),
    setLatency: (ms) => {
      latencyMs = ms
    },
    databaseRequests: () => databaseRequests,
    failRequest: (plan) => {
      failure = plan
      failed = false
    },
    failureHappened: () => failed,
    abortCommits: (count) => {
      abortsLeft = count
    },
    abortedCommits: () => aborted,
    idle: async (quietMs = 50) => {
      let quietSince = Date.now()
      while (Date.now() - quietSince < quietMs) {
        await new Promise((resolve) => setTimeout(resolve, 5))
        if (inFlight > 0) quietSince = Date.now()
      }
    },
    resetRequestCounts: () => {
      counts = {}
    },
    exportData: () => data.exportData(),
    importData: (docs) => data.importData(docs),
    openapiCalls: () => openapiCalls.map((call) => ({ ...call })),
    reset: () => {
      data.reset()
      openapiCalls.length = 0
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // The SDK keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections()
      }),
  }
}
