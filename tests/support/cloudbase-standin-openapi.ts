/**
 * The stand-in's answer to wx-server-sdk's `cloud.openapi.*` calls (tests only — not the real
 * service). Read from wx-server-sdk 4.0.2 and @cloudbase/node-sdk 3.17.2: `openapi.<path>(data)`
 * converts `data` to snake_case, JSON-encodes each value into a protobuf `CommApiData { apiType = 1,
 * openapiData { repeated KeyValuePair pairs { key = 1; bytes value = 2 } } }`, and POSTs it as
 * multipart/form-data (`action=wx.openApi`, `apiName`, `requestData`) to the same `/admin` address as
 * the database calls. It expects a raw protobuf `CommOpenApiResp { bytes respData = 1; string
 * contentType = 2; int32 errorCode = 3; uint32 httpCode = 4 }` back, whose `respData` is WeChat's
 * JSON answer; a JSON body with `content-type: application/json; charset=utf-8` is a TCB error.
 */

/** One openapi call as the stand-in received it: the API name and its decoded parameters. */
export interface OpenApiCall {
  apiName: string
  params: Record<string, unknown>
}

export interface OpenApiOptions {
  /** msgSecCheck answers `risky` for content containing any of these, `pass` otherwise. */
  riskyTerms: readonly string[]
}

export interface OpenApiAnswer {
  contentType: string
  body: Buffer
  call?: OpenApiCall
}

export const isMultipart = (contentType: string | undefined) => (contentType ?? '').toLowerCase().startsWith('multipart/form-data')

/** Answers one multipart request of the SDK's openapi channel. */
export function answerOpenApi(body: Buffer, contentType: string, options: OpenApiOptions): OpenApiAnswer {
  try {
    const fields = parseMultipart(body, contentType)
    const action = fields.action?.toString('utf8')
    if (action !== 'wx.openApi') return tcbError('INVALID_PARAM', `stand-in does not implement ${action ?? '(none)'} over multipart`)
    const apiName = fields.apiName?.toString('utf8') ?? ''
    const params = decodeCommApiData(fields.requestData ?? Buffer.alloc(0))
    const call = { apiName, params }
    if (apiName !== 'security.msgSecCheck') return { ...tcbError('INVALID_PARAM', `stand-in does not implement openapi ${apiName}`), call }
    return { contentType: 'application/octet-stream', body: encodeCommOpenApiResp(msgSecCheck(params, options)), call }
  } catch (error) {
    return tcbError('INVALID_PARAM', error instanceof Error ? error.message : String(error))
  }
}

/** msgSecCheck v2's answer shape: `result.suggest` is pass | review | risky, `label` 100 is normal. */
function msgSecCheck(params: Record<string, unknown>, options: OpenApiOptions) {
  const content = typeof params.content === 'string' ? params.content : ''
  const hit = options.riskyTerms.find((term) => content.includes(term))
  const result = hit ? { suggest: 'risky', label: 20001 } : { suggest: 'pass', label: 100 }
  return { errcode: 0, errmsg: 'ok', result, detail: [{ strategy: 'content_model', errcode: 0, ...result, ...(hit ? { keyword: hit } : {}) }], trace_id: 'standin-trace' }
}

function tcbError(code: string, message: string): OpenApiAnswer {
  return { contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify({ code, message })) }
}

function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!boundary) throw new Error('multipart body without boundary')
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`)
  const fields: Record<string, Buffer> = {}
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length)
    if (next === -1) break
    const part = body.subarray(start + delimiter.length + 2, next - 2) // drop the CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd !== -1) {
      const name = /name="([^"]*)"/.exec(part.subarray(0, headerEnd).toString('utf8'))?.[1]
      if (name) fields[name] = part.subarray(headerEnd + 4)
    }
    start = next
  }
  return fields
}

// A protobuf reader and writer for the three small messages above (varint and length-delimited only).

function* protobufFields(buffer: Buffer): Generator<{ field: number; value: number | Buffer }> {
  let pos = 0
  const varint = () => {
    let result = 0
    let shift = 0
    for (;;) {
      if (pos >= buffer.length) throw new Error('truncated protobuf varint')
      const byte = buffer[pos++]
      result += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return result
      shift += 7
    }
  }
  while (pos < buffer.length) {
    const tag = varint()
    const wireType = tag & 7
    const field = Math.floor(tag / 8)
    if (wireType === 0) yield { field, value: varint() }
    else if (wireType === 2) {
      const length = varint()
      yield { field, value: buffer.subarray(pos, pos + length) }
      pos += length
    } else if (wireType === 1) pos += 8
    else if (wireType === 5) pos += 4
    else throw new Error(`unsupported protobuf wire type ${wireType}`)
  }
}

/** CommApiData → the call's parameters, each pair's value JSON-decoded as the SDK encoded it. */
function decodeCommApiData(buffer: Buffer): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const { field, value } of protobufFields(buffer)) {
    if (field !== 2 || !Buffer.isBuffer(value)) continue // 2: openapiData
    for (const pair of protobufFields(value)) {
      if (pair.field !== 1 || !Buffer.isBuffer(pair.value)) continue // 1: pairs
      let key = ''
      let raw = Buffer.alloc(0)
      for (const kv of protobufFields(pair.value)) {
        if (kv.field === 1 && Buffer.isBuffer(kv.value)) key = kv.value.toString('utf8')
        if (kv.field === 2 && Buffer.isBuffer(kv.value)) raw = kv.value
      }
      const text = raw.toString('utf8')
      try {
        params[key] = JSON.parse(text)
      } catch {
        params[key] = text
      }
    }
  }
  return params
}

const varintBytes = (n: number) => {
  const out: number[] = []
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80)
    n = Math.floor(n / 0x80)
  }
  out.push(n)
  return Buffer.from(out)
}
const bytesField = (field: number, value: Buffer) => Buffer.concat([varintBytes(field * 8 + 2), varintBytes(value.length), value])
const varintField = (field: number, value: number) => Buffer.concat([varintBytes(field * 8), varintBytes(value)])

function encodeCommOpenApiResp(json: unknown): Buffer {
  return Buffer.concat([
    bytesField(1, Buffer.from(JSON.stringify(json))), // respData
    bytesField(2, Buffer.from('application/json')), // contentType
    varintField(4, 200), // httpCode
  ])
}
