import { DomainError, contended } from '../../../core/errors'
import { isTransactionConflict, retryingConflicts } from '../../../backend/storage/cloud/cloud-results'

// What the cloud adapter treats as "the database refused the transaction, nothing committed — run it
// again", and what it answers once that keeps happening.

const sdkError = (code: string, message: string) => Object.assign(new Error(message), { code })

test('recognizes a conflict or an abort, never a lost answer', () => {
  expect(isTransactionConflict(sdkError('DATABASE_TRANSACTION_CONFLICT', 'transaction conflict'))).toBe(true)
  expect(isTransactionConflict({ code: 'DATABASE_TRANSACTION_CONFLICT', requestId: 'x' })).toBe(true)
  expect(isTransactionConflict(sdkError('DATABASE_REQUEST_FAILED', 'WriteConflict error: this operation conflicted with another operation.'))).toBe(true)
  expect(isTransactionConflict(sdkError('DATABASE_REQUEST_FAILED', 'NoSuchTransaction: Transaction standin-tx-1 has been aborted.'))).toBe(true)
  expect(isTransactionConflict({ errCode: -1, errMsg: 'errorCode: TransientTransactionError' })).toBe(true)
  // Whether these committed is unknown: running them again could apply them twice.
  expect(isTransactionConflict(sdkError('SYS_ERR', 'stand-in: request 7 ran, its answer was lost'))).toBe(false)
  expect(isTransactionConflict(sdkError('DATABASE_REQUEST_FAILED', 'transaction standin-tx-1 is not running'))).toBe(false)
  expect(isTransactionConflict(new Error('ETIMEDOUT'))).toBe(false)
})

test('runs a conflicted transaction again, then refuses it as CONFLICT asking to try again', async () => {
  let runs = 0
  await expect(retryingConflicts(async () => (++runs < 3 ? Promise.reject(sdkError('DATABASE_TRANSACTION_CONFLICT', 'conflict')) : 'done'), contended)).resolves.toBe('done')
  expect(runs).toBe(3)

  runs = 0
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  const refused = await retryingConflicts(async () => {
    runs++
    throw sdkError('DATABASE_TRANSACTION_CONFLICT', 'conflict')
  }, contended).catch((error: unknown) => error)
  warn.mockRestore()
  expect(refused).toBeInstanceOf(DomainError)
  expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('再试') })
  expect(runs).toBe(5)

  // Anything else is not retried.
  runs = 0
  await expect(retryingConflicts(async () => { runs++; throw new Error('boom') }, contended)).rejects.toThrow('boom')
  expect(runs).toBe(1)
})
