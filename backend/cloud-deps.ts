import { z } from 'zod'
import { createCloudStore, type CloudDatabase } from './storage/cloud'
import { wechatContentChecker, type SecurityApi } from './content/wechat-sec-check'
import { newTimeOrderedId, type Deps } from './deps'

/** The slice of wx-server-sdk the cloud functions use, typed here instead of silencing the compiler. */
export interface WxServerSdk {
  DYNAMIC_CURRENT_ENV: unknown
  init(options: { env: unknown }): void
  database(): CloudDatabase
  getWXContext(): { OPENID?: string; APPID?: string }
  openapi: { security: SecurityApi }
}

/** Cloud function environment variables (set in the cloud console), parsed at start-up. */
const ZCloudConfig = z.object({
  /** The township this deployment shows by default. */
  TOWNSHIP_ID: z.string().regex(/^[A-Za-z0-9_-]+$/).default('fanggang'),
  /** Days after its board day a criticism keeps its named subject (then only 赵某某（2组）). */
  CRITICISM_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(365),
})

/**
 * Production adapters. wx-server-sdk is loaded here and only here, at call time: local mode must
 * never load it (off the cloud it leaves an unhandled rejection that kills Node).
 */
export function loadCloud(): WxServerSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as WxServerSdk
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return cloud
}

export function createCloudDeps(cloud: WxServerSdk, env: NodeJS.ProcessEnv = process.env): Deps {
  const config = ZCloudConfig.parse(env)
  return {
    store: createCloudStore(cloud.database()),
    contentCheck: wechatContentChecker(cloud.openapi.security),
    now: () => new Date(),
    newId: newTimeOrderedId,
    defaultTownshipId: config.TOWNSHIP_ID,
    criticismRetentionDays: config.CRITICISM_RETENTION_DAYS,
  }
}
