import type { ErrorCode } from '../types/errors'

/** A refusal the domain knows how to explain: a stable code and a message in Chinese. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export const forbidden = (message = '没有权限执行此操作') => new DomainError('FORBIDDEN', message)
export const notFound = (message = '记录不存在') => new DomainError('NOT_FOUND', message)
export const conflict = (message = '记录已被他人处理，请刷新后重试') => new DomainError('CONFLICT', message)
export const unauthenticated = (message = '请先登录') => new DomainError('UNAUTHENTICATED', message)
export const invalidInput = (message: string, path = '') =>
  new DomainError('INVALID_INPUT', message, [{ path, message }])
/** Too many people changed the same record at the same moment and this change could not land: nothing was saved. */
export const contended = (message = '同时办理的人较多，本次操作未能保存，请稍后再试一次') => new DomainError('CONFLICT', message)
