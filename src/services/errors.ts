import type { ErrorCode } from '../../types/errors'

/** Error codes a call can fail with: the server's, plus failures that never reached it. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE'

/** One field problem reported by the server for an INVALID_INPUT call. */
export type FieldIssue = { path: string; message: string }

/** A failed `api` call; `message` is Chinese and fit to show to the user. */
export class ApiCallError extends Error {
  readonly code: ClientErrorCode
  readonly issues: FieldIssue[]

  constructor(code: ClientErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message)
    this.name = 'ApiCallError'
    this.code = code
    this.issues = issues
  }
}

/** The Chinese message to show for anything a call or a page effect threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message
  return '出错了，请稍后重试'
}

export const NETWORK_ERROR_MESSAGE = '网络异常，请检查网络后重试'
