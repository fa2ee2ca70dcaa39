import crypto from 'node:crypto'

/**
 * Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256, "签名方法 v3"): POST, JSON body, signed
 * headers content-type and host. Only Node's crypto: no SDK dependency.
 */
export interface Tc3Credentials {
  secretId: string
  secretKey: string
  token?: string
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex')
const hmac = (key: crypto.BinaryLike, text: string) => crypto.createHmac('sha256', key).update(text).digest()

export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8'

export function tc3Authorization(input: { credentials: Tc3Credentials; service: string; host: string; payload: string; timestamp: number }): string {
  const { credentials, service, host, payload, timestamp } = input
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10)
  const canonical = ['POST', '/', '', `content-type:${TC3_CONTENT_TYPE}\nhost:${host}\n`, 'content-type;host', sha256(payload)].join('\n')
  const scope = `${date}/${service}/tc3_request`
  const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), scope, sha256(canonical)].join('\n')
  const signing = hmac(hmac(hmac(`TC3${credentials.secretKey}`, date), service), 'tc3_request')
  const signature = crypto.createHmac('sha256', signing).update(stringToSign).digest('hex')
  return `TC3-HMAC-SHA256 Credential=${credentials.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`
}
