/** The content-security port: WeChat's msgSecCheck in production, a local rule list elsewhere. */
export type ContentVerdict = 'pass' | 'review' | 'risky'

export interface ContentChecker {
  check(text: string, openid: string): Promise<ContentVerdict>
}
