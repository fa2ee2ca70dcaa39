import path from 'node:path'
import { z } from 'zod'

const ROOT = path.resolve(__dirname, '..')

/** Local-mode configuration, parsed once at start-up so a bad value fails loudly. */
const ZLocalConfig = z.object({
  /** Port of the local server (README: default 8787). */
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** Address to bind; loopback by default so the demo login is never exposed to a network. */
  HOST: z.string().default('127.0.0.1'),
  /** Folder holding the SQLite file and uploaded photos. */
  DATA_DIR: z.string().default(path.join(ROOT, '.data')),
  /** The demo login (anyone can be anyone): on unless DEMO_LOGIN=off. */
  DEMO_LOGIN: z.enum(['on', 'off']).default('on'),
})

/** Loopback addresses: only this machine can reach a server bound to one. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h)
}

export type LocalConfig = z.infer<typeof ZLocalConfig> & { rootDir: string; h5Dir: string }

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const parsed = ZLocalConfig.safeParse(env)
  if (!parsed.success) {
    throw new Error(`配置错误：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`)
  }
  if (parsed.data.DEMO_LOGIN === 'on' && !isLoopback(parsed.data.HOST)) {
    throw new Error(
      `拒绝启动：演示登录开启时（任何人都能以任何身份登录），本地服务只能监听本机地址（127.0.0.1、::1 或 localhost），` +
        `而 HOST=${parsed.data.HOST}。请去掉 HOST 设置，或设置 DEMO_LOGIN=off 关闭演示登录后再对外监听。`,
    )
  }
  return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR), rootDir: ROOT, h5Dir: path.join(ROOT, 'dist', 'h5') }
}
