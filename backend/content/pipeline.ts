import type { ContentChecker, ContentJudgement } from '../../core/content-check'
import { brokenCivicRule } from './civic-rules'

/**
 * The one content pipeline, local and production alike: the civic rules first (no network call is
 * spent on a text they refuse), then each of `then` in order (msgSecCheck in production); the first
 * answer that is not a pass decides.
 */
export function contentPipeline(...then: ContentChecker[]): ContentChecker {
  return {
    async check(text, openid): Promise<ContentJudgement> {
      const broken = brokenCivicRule(text)
      if (broken) return { verdict: 'risky', reason: `“${broken.term}”：${broken.rule.reason}` }
      for (const checker of then) {
        const judgement = await checker.check(text, openid)
        if (judgement.verdict !== 'pass') return judgement
      }
      return { verdict: 'pass' }
    },
  }
}
