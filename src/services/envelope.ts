import type { ZodTypeAny, z } from 'zod'
import { ApiCallError, type FieldIssue } from './errors'

type Envelope = { ok: true; data: unknown } | { ok: false; error: { code?: unknown; message?: unknown; issues?: unknown } }

function isEnvelope(body: unknown): body is Envelope {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean'
}

function toIssues(raw: unknown): FieldIssue[] {
  if (!Array.isArray(raw)) return []
  return raw.filter(
    (i): i is FieldIssue => typeof i?.path === 'string' && typeof i?.message === 'string',
  )
}

/**
 * Turns a raw `{ ok, data | error }` body into its data, or throws ApiCallError. It trusts the data's
 * shape: the production client ships no schemas (see services/api.ts); use openEnvelope to check it.
 */
export function unwrapEnvelope(body: unknown): unknown {
  if (!isEnvelope(body)) throw new ApiCallError('BAD_RESPONSE', '服务返回的数据格式不正确')
  if (!body.ok) {
    const { code, message, issues } = body.error ?? {}
    throw new ApiCallError(
      typeof code === 'string' ? (code as ApiCallError['code']) : 'INTERNAL',
      typeof message === 'string' && message ? message : '操作失败，请稍后重试',
      toIssues(issues),
    )
  }
  return body.data
}

/**
 * Turns a raw body into the data checked against `schema`, or throws ApiCallError: a body that breaks
 * the contract is an error too, so a page never sees `{}` posing as data. Takes the schema as a value
 * and imports only zod's types, so this module adds no zod to the bundle of whoever imports it.
 */
export function openEnvelope<S extends ZodTypeAny>(body: unknown, schema: S, what: string): z.output<S> {
  const parsed = schema.safeParse(unwrapEnvelope(body))
  if (!parsed.success) {
    console.warn('response broke the contract', what, parsed.error.issues)
    throw new ApiCallError('BAD_RESPONSE', '服务返回的数据格式不正确')
  }
  return parsed.data
}
