/** The content-security port: the civic rules everywhere, then WeChat's msgSecCheck in production. */
export type ContentVerdict = 'pass' | 'review' | 'risky'

/** A checker's answer; a refusal may say why, in words the writer can act on. */
export type ContentJudgement = { verdict: ContentVerdict; reason?: string }

export interface ContentChecker {
  check(text: string, openid: string): Promise<ContentJudgement>
}
