/**
 * The client checks responses against the contract in development and tests, and nowhere else: the
 * production weapp ships no schemas (scripts/check-weapp.ts fails the build if zod reaches the main package).
 */
const mockCallFunction = jest.fn()
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { cloud: { callFunction: (...args: unknown[]) => mockCallFunction(...args) } } }))

const ME = { signedIn: true, personId: 'p1', name: '张三', townshipId: 'fanggang', villageId: 'v1', grants: [{ role: 'villager', villageId: 'v1' }], deploymentAdmin: false }

function answer(result: unknown) {
  mockCallFunction.mockResolvedValueOnce({ result })
}

type Api = typeof import('../../src/services/api') & typeof import('../../src/services/errors')

function loadApi(nodeEnv: string): Api {
  const env = process.env as Record<string, string | undefined>
  const saved = env.NODE_ENV
  env.NODE_ENV = nodeEnv
  try {
    let api: Api | undefined
    jest.isolateModules(() => {
      if (nodeEnv === 'production') {
        jest.doMock('../../types/api', () => {
          throw new Error('the production client loaded the contract')
        })
      }
      // Each build gets its own module registry, so its errors module (and ApiCallError class) too.
      api = { ...require('../../src/services/api'), ...require('../../src/services/errors') } as Api
    })
    return api!
  } finally {
    env.NODE_ENV = saved
  }
}

beforeEach(() => mockCallFunction.mockReset())

describe('callApi outside production (tests, development)', () => {
  const { callApi, ApiCallError } = loadApi('test')

  it('resolves with a response that keeps the contract', async () => {
    answer({ ok: true, data: ME })
    await expect(callApi('me.get', {})).resolves.toEqual(ME)
    expect(mockCallFunction).toHaveBeenCalledWith({ name: 'api', data: { action: 'me.get', data: {} } })
  })

  it('refuses a malformed response with BAD_RESPONSE instead of handing it to the page', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
    answer({ ok: true, data: { ...ME, grants: [{ role: 'mayor' }] } })
    const error = await callApi('me.get', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiCallError)
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', message: '服务返回的数据格式不正确' })
    answer({ ok: true, data: {} })
    await expect(callApi('board.listDates', { villageId: 'v1' })).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
    expect(warn).toHaveBeenCalledWith('response broke the contract', 'me.get', expect.any(Array))
    warn.mockRestore()
  })

  it('turns a refusal into ApiCallError with its code, message and field issues', async () => {
    answer({ ok: false, error: { code: 'INVALID_INPUT', message: '参数不正确', issues: [{ path: 'reason', message: '申诉理由至少5个字' }] } })
    await expect(callApi('objection.create', { noticeId: 'n1', reason: '短' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'reason', message: '申诉理由至少5个字' }],
    })
  })
})

describe('callApi in a production build', () => {
  const { callApi } = loadApi('production')

  it('never loads the contract and passes the data through unchecked', async () => {
    answer({ ok: true, data: { bogus: 1 } })
    await expect(callApi('me.get', {})).resolves.toEqual({ bogus: 1 })
  })

  it('still refuses a body that is not an envelope, and still reports refusals', async () => {
    answer('<html>502</html>')
    await expect(callApi('me.get', {})).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
    answer({ ok: false, error: { code: 'FORBIDDEN', message: '无权操作' } })
    await expect(callApi('me.get', {})).rejects.toMatchObject({ code: 'FORBIDDEN', message: '无权操作' })
  })
})
