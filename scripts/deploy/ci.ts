import path from 'node:path'

/**
 * The uploads, through WeChat's own tool miniprogram-ci (already a dependency): the mini-program code
 * as a development version, each cloud function ("云端安装依赖"), and the timer triggers. Behind an
 * interface so tests use a recorder and nothing leaves the machine.
 */
export interface CiPort {
  uploadFunction(name: string, dir: string): Promise<void>
  createTimeTrigger(name: string, triggers: Array<{ name: string; type: string; config: string }>): Promise<void>
  uploadCode(input: { version: string; desc: string }): Promise<void>
}

export function miniprogramCi(options: { appId: string; envId: string; privateKeyPath: string; root: string }): CiPort {
  // Loaded on first use: the doctor and the dry-run never need it.
  const load = async () => {
    // CommonJS package: under Node's import() its exports sit on `default` (Project is not a named export).
    const loaded = (await import('miniprogram-ci')) as typeof import('miniprogram-ci') & { default?: typeof import('miniprogram-ci') }
    const ci = loaded.default ?? loaded
    const project = new ci.Project({
      appid: options.appId,
      type: 'miniProgram',
      projectPath: path.join(options.root, 'dist', 'weapp'),
      privateKeyPath: options.privateKeyPath,
      ignores: ['node_modules/**/*'],
    })
    return { ci, project }
  }
  return {
    async uploadFunction(name, dir) {
      const { ci, project } = await load()
      await ci.cloud.uploadFunction({ project, env: options.envId, name, path: dir, remoteNpmInstall: true })
    },
    async createTimeTrigger(name, triggers) {
      const { ci, project } = await load()
      const result = await ci.cloud.createTimeTrigger({ project, envId: options.envId, functionName: name, triggersConfig: triggers })
      if (result !== '创建定时触发器成功') throw new Error(`${name} 的定时触发器：${result}`)
    },
    async uploadCode({ version, desc }) {
      const { ci, project } = await load()
      await ci.upload({ project, version, desc, setting: { es6: false, minify: false }, robot: 1 })
    },
  }
}
