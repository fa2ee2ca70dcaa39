// Browser (H5) only: loaded behind `process.env.TARO_ENV === 'h5'`, so none of it reaches the weapp bundle.
import { ApiCallError, NETWORK_ERROR_MESSAGE } from '../errors'
import { storage } from '../storage'
import type { Transport } from './types'

const TIMEOUT_MS = 15000

/** The local server stands in for WeChat's context: it reads who is calling from this header. */
function identityHeaders(): Record<string, string> {
  const openid = storage.getDemoOpenid()
  return openid ? { 'X-Demo-Openid': openid } : {}
}

/** Fetches a same-origin JSON endpoint; network and non-JSON failures become ApiCallError. */
export async function fetchJson(url: string, init: RequestInit): Promise<unknown> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS)
  let res: Response
  try {
    res = await fetch(url, { ...init, signal: controller.signal })
  } catch (e) {
    console.warn('fetch failed', url, e)
    throw new ApiCallError('NETWORK', NETWORK_ERROR_MESSAGE)
  } finally {
    clearTimeout(timer)
  }
  try {
    // Refusals come back as 4xx with the same `{ ok: false, error }` body, so read it whatever the status.
    return await res.json()
  } catch {
    throw new ApiCallError('BAD_RESPONSE', `服务暂时不可用（HTTP ${res.status}）`)
  }
}

export const sendHttp: Transport = (action, data) =>
  fetchJson('/cloud/api', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...identityHeaders() },
    body: JSON.stringify({ action, data }),
  })

/** Uploads the bytes behind a chosen image's blob: URL; resolves with the body `{ ok, data: { fileId } }`. */
export async function uploadHttp(tempFilePath: string): Promise<unknown> {
  let blob: Blob
  try {
    blob = await (await fetch(tempFilePath)).blob()
  } catch {
    throw new ApiCallError('NETWORK', '读取图片失败，请重新选择')
  }
  return fetchJson('/local/upload', {
    method: 'POST',
    headers: { 'Content-Type': blob.type || 'image/jpeg', ...identityHeaders() },
    body: blob,
  })
}
