import { z } from 'zod'
import { createCloudStore, type CloudDatabase } from './storage/cloud'
import { wechatContentChecker, type SecurityApi } from './content/wechat-sec-check'
import { contentPipeline } from './content/pipeline'
import { newTimeOrderedId, type Deps } from './deps'
import { wechatMessenger, type SubscribeMessageApi } from './notify/messenger'
import { templatesFromEnv } from './notify/config'
import { wechatInviteQr, type WxacodeApi } from './invite-qr'
import { cloudFileSink, type CloudFilesApi } from './files'

/** The slice of wx-server-sdk the cloud functions use, typed here instead of silencing the compiler. */
export interface WxServerSdk extends CloudFilesApi {
  DYNAMIC_CURRENT_ENV: unknown
  init(options: { env: unknown }): void
  database(): CloudDatabase
  getWXContext(): { OPENID?: string; APPID?: string; ENV?: string }
  openapi: { security: SecurityApi; subscribeMessage: SubscribeMessageApi; wxacode: WxacodeApi }
}

/** Cloud function environment variables (set in the cloud console), parsed at start-up. */
const ZCloudConfig = z.object({
  /** The township this deployment shows by default. */
  TOWNSHIP_ID: z.string().regex(/^[A-Za-z0-9_-]+$/).default('fanggang'),
  /** The deployment's admins, comma-separated OPENIDs: they create townships and invite each one's first admin. */
  ADMIN_OPENIDS: z.string().default(''),
  /** Secret keying the stored hashes of invitation codes (optional: otherwise one is kept in the `settings` collection). */
  INVITE_PEPPER: z.string().min(16).optional(),
  /** Which version of the mini-program the invitation codes open: release (default), trial or develop. */
  WXACODE_ENV: z.enum(['release', 'trial', 'develop']).optional(),
  /** Days after its board day a criticism keeps its named subject (then only 赵某某（2组）). */
  CRITICISM_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(365),
})

/** `ADMIN_OPENIDS` as a list: commas, spaces or new lines between ids. */
export const parseAdminOpenids = (value: string) => value.split(/[\s,，]+/).map((s) => s.trim()).filter(Boolean)

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
    contentCheck: contentPipeline(wechatContentChecker(cloud.openapi.security)),
    now: () => new Date(),
    newId: newTimeOrderedId,
    defaultTownshipId: config.TOWNSHIP_ID,
    messenger: wechatMessenger(cloud.openapi.subscribeMessage),
    templates: templatesFromEnv(env),
    deploymentAdmins: parseAdminOpenids(config.ADMIN_OPENIDS),
    ...(config.INVITE_PEPPER ? { pepper: config.INVITE_PEPPER } : {}),
    inviteQr: wechatInviteQr(cloud.openapi.wxacode, config.WXACODE_ENV),
    files: cloudFileSink(cloud, () => cloud.getWXContext().ENV ?? ''),
    criticismRetentionDays: config.CRITICISM_RETENTION_DAYS,
  }
}
