import type { ZodError } from 'zod'
import { actions, ZApiRequest, type ActionName } from '../types/api'
import type { ApiResponse } from '../types/errors'
import { DomainError, unauthenticated } from '../core/errors'
import { PERMISSIONS, authorize } from '../core/permissions'
import { chinaDay } from '../core/time'
import { StoreConflict } from '../core/store'
import type { Caller, Person } from '../core/caller'
import type { Deps } from './deps'
import type { ActionContext, ActionHandler } from './action'
import { handlers } from './actions'

const isActionName = (name: string): name is ActionName => Object.prototype.hasOwnProperty.call(actions, name)

// zod echoes the received value in some messages (a bad enum) and reports every bad element of an
// array: without a cap, a 1 MB string or a 100k-element array came back as a multi-megabyte error.
const MAX_ISSUES = 10
const MAX_ISSUE_TEXT = 200
const clip = (text: string) => (text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT)}…` : text)

export function zodIssues(error: ZodError) {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({ path: clip(issue.path.join('.')), message: clip(issue.message) }))
}

/** Establishes the caller from the platform's identity (WeChat OPENID, or the local demo login). */
async function resolveCaller(openid: string | null, deps: Deps): Promise<Caller> {
  if (!openid) return { openid: null, person: null }
  const person = await deps.store.get<Person & { _id: string }>('people', openid)
  return { openid, person, deploymentAdmin: deps.deploymentAdmins?.includes(openid) ?? false }
}

/**
 * The `api` function's whole job: parse `{ action, data }`, check the permission table, run the
 * handler, and answer the one response shape. Nothing reaches a handler unvalidated.
 */
export async function handleApiCall(event: unknown, openid: string | null, deps: Deps): Promise<ApiResponse<unknown>> {
  try {
    const request = ZApiRequest.safeParse(event)
    if (!request.success) throw new DomainError('INVALID_INPUT', '请求格式不正确：需要 { action, data }', zodIssues(request.error))
    const { action } = request.data
    if (!isActionName(action)) throw new DomainError('INVALID_INPUT', `未知的操作：${action.slice(0, 64)}`)
    const input = actions[action].input.safeParse(request.data.data ?? {})
    if (!input.success) {
      const issues = zodIssues(input.error)
      throw new DomainError('INVALID_INPUT', `参数不正确：${issues.map((i) => (i.path ? `${i.path} ${i.message}` : i.message)).join('；')}`, issues)
    }
    const now = deps.now()
    const today = chinaDay(now)
    const handler = handlers[action] as ActionHandler<typeof action>
    const permission = PERMISSIONS[action]
    const prefetch = permission.who === 'anyone' && handler.prefetch ? handler.prefetch(input.data as never, { deps, now, today }) : undefined
    // Settled either way before anything can throw, so a failed prefetch never goes unhandled.
    const [caller, prefetched] = await Promise.all([resolveCaller(openid, deps), prefetch?.then((value) => ({ value }), (error: unknown) => ({ error }))])
    if (prefetched && 'error' in prefetched) throw prefetched.error
    const ctx: ActionContext = { caller, deps, now, today, prefetched: prefetched?.value }
    if (permission.who !== 'anyone' && !ctx.caller.openid) throw unauthenticated()
    if (permission.who === 'deploymentAdmin') authorize(permission, ctx.caller, {})
    if (permission.who === 'roles') {
      if (!handler.target) throw new Error(`${action} is role-gated but names no target`)
      authorize(permission, ctx.caller, await handler.target(input.data as never, ctx))
    }
    const data = await handler.handle(input.data as never, ctx)
    return { ok: true, data }
  } catch (error) {
    return toErrorResponse(error)
  }
}

export function toErrorResponse(error: unknown): ApiResponse<never> {
  if (error instanceof DomainError) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } }
  }
  if (error instanceof StoreConflict) {
    return { ok: false, error: { code: 'CONFLICT', message: '记录已被他人处理，请刷新后重试' } }
  }
  // Unexpected: log for the operator, never leak a stack to the caller.
  console.error('[api] internal error', error)
  return { ok: false, error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } }
}
