import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/**
 * What `npm run deploy` and `npm run doctor` need to reach one WeChat cloud environment: four values
 * (AppID, cloud env id, AppSecret, the upload key's path) and the `api` function's two secrets. Read
 * from environment variables, else from the git-ignored `.deploy.json` at the repository root.
 */
export const DeployConfigSchema = z.object({
  appId: z.string({ required_error: '缺少 AppID（WX_APPID）' }).regex(/^wx[0-9a-f]{16}$/, 'AppID 应为 wx 开头的 18 位（WX_APPID），在 小程序后台 → 开发管理 → 开发设置 中查看'),
  envId: z.string({ required_error: '缺少云开发环境 ID（WX_CLOUD_ENV）' }).regex(/^[a-z0-9][a-z0-9-]{2,63}$/, '云开发环境 ID 格式不对（WX_CLOUD_ENV），在 云开发控制台 → 设置 中查看'),
  appSecret: z.string({ required_error: '缺少 AppSecret（WX_APPSECRET）' }).regex(/^[0-9a-zA-Z]{32}$/, 'AppSecret 应为 32 位字母数字（WX_APPSECRET），在 开发设置 中生成'),
  privateKeyPath: z.string({ required_error: '缺少代码上传密钥路径（WX_PRIVATE_KEY_PATH）' }).min(1, '缺少代码上传密钥路径（WX_PRIVATE_KEY_PATH）'),
  /** Deployment admins' OPENIDs, comma-separated; may be empty on the first day (the doctor warns). */
  adminOpenids: z.string().regex(/^[\w-]+(,[\w-]+)*$/, 'ADMIN_OPENIDS 应为逗号分隔的用户编号，不含空格').optional(),
  invitePepper: z.string().min(16, 'INVITE_PEPPER 至少 16 个字符').optional(),
  /** Tencent Cloud region of the environment (cloud functions' API needs it). */
  region: z.string().regex(/^[a-z]+-[a-z]+$/, 'region 格式不对，例如 ap-shanghai').default('ap-shanghai'),
  /** Base addresses: only tests change them (a local stand-in). */
  wechatBase: z.string().url('wechatBase 应为网址').default('https://api.weixin.qq.com'),
  tencentCloudBase: z.string().url('tencentCloudBase 应为网址').optional(),
})
export type DeployConfig = z.infer<typeof DeployConfigSchema>

const ENV_KEYS: Record<string, keyof DeployConfig> = {
  WX_APPID: 'appId',
  WX_CLOUD_ENV: 'envId',
  WX_APPSECRET: 'appSecret',
  WX_PRIVATE_KEY_PATH: 'privateKeyPath',
  ADMIN_OPENIDS: 'adminOpenids',
  INVITE_PEPPER: 'invitePepper',
  WX_CLOUD_REGION: 'region',
}

export class ConfigError extends Error {}

/** Environment variables win over `.deploy.json`; every problem is listed at once, in Chinese. */
export function loadDeployConfig(root: string, env: Record<string, string | undefined> = process.env, { needKey = true } = {}): DeployConfig {
  const file = path.join(root, '.deploy.json')
  let fromFile: Record<string, unknown> = {}
  if (fs.existsSync(file)) {
    try {
      fromFile = JSON.parse(fs.readFileSync(file, 'utf8'))
    } catch (error) {
      throw new ConfigError(`.deploy.json 不是合法的 JSON：${(error as Error).message}`)
    }
  }
  const merged: Record<string, unknown> = { ...fromFile }
  for (const [name, key] of Object.entries(ENV_KEYS)) if (env[name]) merged[key] = env[name]
  const parsed = DeployConfigSchema.safeParse(merged)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.message}`)
    throw new ConfigError(`部署配置有误（环境变量或 .deploy.json）：\n${lines.join('\n')}`)
  }
  const config = parsed.data
  if (needKey) {
    const keyPath = path.resolve(root, config.privateKeyPath)
    if (!fs.existsSync(keyPath)) throw new ConfigError(`找不到代码上传密钥文件：${keyPath}（小程序后台 → 开发管理 → 开发设置 → 小程序代码上传 中下载）`)
    config.privateKeyPath = keyPath
  }
  return config
}
