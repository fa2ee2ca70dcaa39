import type { ContentChecker, ContentJudgement } from '../../core/content-check'

/** The slice of `cloud.openapi.security` this app calls (msgSecCheck v2). */
export interface SecurityApi {
  msgSecCheck(params: { openid: string; scene: number; version: number; content: string }): Promise<{
    errCode?: number
    result?: { suggest?: string; label?: number }
  }>
}

const SCENE_COMMENT = 2

/** Production content check: WeChat's msgSecCheck v2; its verdict is in `result.suggest`. */
export function wechatContentChecker(security: SecurityApi): ContentChecker {
  return {
    async check(text, openid): Promise<ContentJudgement> {
      const response = await security.msgSecCheck({ openid, scene: SCENE_COMMENT, version: 2, content: text })
      const suggest = response.result?.suggest
      // Anything other than an explicit pass (including a malformed answer) is not published.
      return { verdict: suggest === 'pass' ? 'pass' : suggest === 'review' ? 'review' : 'risky' }
    },
  }
}
