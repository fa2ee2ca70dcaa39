import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { miniprogramCi, type CiPort } from './ci'
import { CloudClient } from './client'
import { ConfigError, loadDeployConfig, type DeployConfig } from './config'
import { desiredState } from './desired'
import { diagnose, type Finding } from './doctor'
import { applyChanges } from './apply'
import { describeChange, planChanges, readRemote, summarize, type Change } from './plan'

export interface RunOptions {
  root: string
  config: DeployConfig
  ci?: CiPort
  /** Run build:cloud and build:weapp first (the CLI does; tests bring their own build output). */
  build?: boolean
  log?: (line: string) => void
}

const clientFor = (config: DeployConfig) => new CloudClient(config)

/** `npm run deploy [-- --dry-run]`: the changes it made (or would make). */
export async function deploy(options: RunOptions & { dryRun?: boolean }): Promise<Change[]> {
  const { root, config, log = console.log } = options
  const client = clientFor(config)
  const desired = desiredState(root, config)
  if (options.build && !options.dryRun) {
    const env = { ...process.env, TARO_APP_ID: config.appId, TARO_APP_CLOUD_ENV: config.envId }
    for (const script of ['build:cloud', 'build:weapp']) {
      log(`构建：npm run ${script}`)
      execFileSync('npm', ['run', script], { cwd: root, env, stdio: 'inherit' })
    }
  }
  const changes = planChanges(desired, await readRemote(client, desired), { appId: config.appId, root })
  if (changes.length === 0) {
    log('无需改动：云环境已与仓库一致。')
    return changes
  }
  if (options.dryRun) {
    log(`将要做 ${changes.length} 项改动（--dry-run，未做任何改动）：`)
    for (const change of changes) log(`  ${describeChange(change)}`)
    log(summarize(changes))
    return changes
  }
  const unbuilt = changes.filter((c) => (c.step === 'function-code' || c.step === 'weapp') && c.sha === null)
  if (unbuilt.length > 0) {
    throw new ConfigError(`尚未构建：${unbuilt.map((c) => (c.step === 'weapp' ? '小程序（npm run build:weapp）' : `云函数 ${c.step === 'function-code' ? c.fn : ''}（npm run build:cloud）`)).join('、')}；先构建，或去掉 --no-build。未做任何改动。`)
  }
  const ci = options.ci ?? miniprogramCi({ appId: config.appId, envId: config.envId, privateKeyPath: config.privateKeyPath, root })
  const version = new Date().toISOString().slice(0, 16).replace(/\D/g, '')
  await applyChanges(changes, { client, ci, appId: config.appId, root, version: `1.0.${version}`, log })
  log(`完成 ${changes.length} 项改动。用微信开发者工具打开仓库根目录预览一次，或在小程序后台 → 版本管理 中找到开发版。`)
  return changes
}

/** `npm run doctor`: read-only; the findings, errors first. */
export async function doctor(options: RunOptions): Promise<Finding[]> {
  const { root, config, log = console.log } = options
  const client = clientFor(config)
  const desired = desiredState(root, config)
  const findings = await diagnose(client, desired, await readRemote(client, desired))
  findings.sort((a, b) => (a.level === b.level ? 0 : a.level === '错误' ? -1 : 1))
  for (const finding of findings) log(`${finding.level}：${finding.text}`)
  const errors = findings.filter((f) => f.level === '错误').length
  log(errors === 0 ? `检查通过（${findings.length} 条警告）。` : `发现 ${errors} 个错误、${findings.length - errors} 条警告；npm run deploy 可修复缺少的集合、权限、索引、函数配置和触发器。`)
  return findings
}

async function cli() {
  const root = path.resolve(__dirname, '..', '..')
  const [command, ...flags] = process.argv.slice(2)
  const dryRun = flags.includes('--dry-run')
  try {
    const config = loadDeployConfig(root, process.env, { needKey: command === 'deploy' && !dryRun })
    if (command === 'doctor') {
      const findings = await doctor({ root, config })
      process.exitCode = findings.some((f) => f.level === '错误') ? 1 : 0
    } else if (command === 'deploy') {
      await deploy({ root, config, dryRun, build: !flags.includes('--no-build') })
    } else {
      throw new ConfigError('用法：npm run deploy [-- --dry-run | --no-build]，或 npm run doctor')
    }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `部署中断：${(error as Error).message}\n修复后再次运行即可，已完成的步骤不会重做。`)
    process.exitCode = 1
  }
}

if (require.main === module) void cli()
