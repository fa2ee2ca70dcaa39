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
})

export type LocalConfig = z.infer<typeof ZLocalConfig> & { rootDir: string; h5Dir: string }

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const parsed = ZLocalConfig.safeParse(env)
  if (!parsed.success) {
    throw new Error(`配置错误：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`)
  }
  return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR), rootDir: ROOT, h5Dir: path.join(ROOT, 'dist', 'h5') }
}
