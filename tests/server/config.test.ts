import { isLoopback, loadConfig as load } from '../../server/config'

const loadConfig = (env: Record<string, string>) => load(env as NodeJS.ProcessEnv)

describe('local mode refuses to expose the demo login', () => {
  it.each(['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2'])('listens on the loopback address %s', (HOST) => {
    expect(isLoopback(HOST)).toBe(true)
    expect(loadConfig({ HOST }).HOST).toBe(HOST)
  })

  it.each(['0.0.0.0', '::', '192.168.1.20', 'example.org'])('refuses to start on %s while the demo login is on, saying why', (HOST) => {
    expect(() => loadConfig({ HOST })).toThrow(/拒绝启动：演示登录开启时.*只能监听本机地址/)
  })

  it('starts on any address with the demo login off', () => {
    expect(loadConfig({ HOST: '0.0.0.0', DEMO_LOGIN: 'off' }).HOST).toBe('0.0.0.0')
  })
})
