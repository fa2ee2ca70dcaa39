import { z } from 'zod'

/** Stable error codes every action may answer with. */
export const ErrorCode = {
  INVALID_INPUT: 'INVALID_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  CONTENT_REJECTED: 'CONTENT_REJECTED',
  INTERNAL: 'INTERNAL',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/** Error body of a refused call; `issues` lists what was wrong with an INVALID_INPUT payload. */
export const ZApiError = z.object({
  code: z.nativeEnum(ErrorCode),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
export type ApiError = z.infer<typeof ZApiError>

/** The one response shape of every cloud function call. */
export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: ApiError }
