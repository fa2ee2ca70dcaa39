/** The redeem page: 我的 → 输入邀请码 (a subpackage page; the scanned code arrives as `scene` or `code`). */
export const REDEEM_PAGE = 'join/redeem/index'

/** The slice of wx-server-sdk's openapi that draws an unlimited mini-program code. */
export interface WxacodeApi {
  getUnlimited(options: { scene: string; page: string; checkPath?: boolean; envVersion?: string; width?: number }): Promise<{ buffer?: Buffer; contentType?: string; errCode?: number; errMsg?: string }>
}

/**
 * In WeChat: an unlimited mini-program code (scene = the code, at most 32 characters; page = the
 * redeem page), answered to the creator as a data URL and never stored, since it holds the code.
 */
export function wechatInviteQr(wxacode: WxacodeApi, envVersion?: string): (code: string) => Promise<string> {
  return async (code) => {
    const result = await wxacode.getUnlimited({ scene: code, page: REDEEM_PAGE, checkPath: false, width: 430, ...(envVersion ? { envVersion } : {}) })
    if (!result.buffer) throw new Error(`wxacode.getUnlimited failed: ${result.errCode} ${result.errMsg}`)
    return `data:${result.contentType ?? 'image/jpeg'};base64,${Buffer.from(result.buffer).toString('base64')}`
  }
}
