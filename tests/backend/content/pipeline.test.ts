import type { ContentChecker, ContentJudgement } from '../../../core/content-check'
import { CIVIC_RULES, brokenCivicRule } from '../../../backend/content/civic-rules'
import { contentPipeline } from '../../../backend/content/pipeline'

/** A checker standing in for msgSecCheck: answers `answer` and records what it was asked. */
function recordingChecker(answer: ContentJudgement) {
  const asked: string[] = []
  const checker: ContentChecker = {
    async check(text) {
      asked.push(text)
      return answer
    },
  }
  return { checker, asked }
}

describe('the civic rules', () => {
  it('give every rule at least one word and a reason', () => {
    for (const rule of CIVIC_RULES) {
      expect(rule.terms.length).toBeGreaterThan(0)
      expect(rule.reason.length).toBeGreaterThan(5)
    }
  })

  it('never list a word twice', () => {
    const terms = CIVIC_RULES.flatMap((r) => r.terms)
    expect(new Set(terms).size).toBe(terms.length)
  })

  it.each(CIVIC_RULES.flatMap((r) => r.terms))('refuse %s, also split by blanks and invisible characters', (term) => {
    expect(brokenCivicRule(`此人是${term}`)?.term).toBe(term)
    expect(brokenCivicRule(`此人是${term.split('').join(' \u200b')}`)?.term).toBe(term)
  })

  it('let a text about behaviour through', () => {
    expect(brokenCivicRule('在村道上晾晒玉米占道，影响车辆通行，请今天之内收回院内。')).toBeNull()
  })
})

describe('the content pipeline', () => {
  it('refuses a civic-rule word with its reason, without asking the next checker', async () => {
    const wechat = recordingChecker({ verdict: 'pass' })
    const judgement = await contentPipeline(wechat.checker).check('村里有名的懒汉', 'o1')
    expect(judgement).toEqual({ verdict: 'risky', reason: expect.stringContaining('懒汉') })
    expect(judgement.reason).toContain(CIVIC_RULES[0].reason)
    expect(wechat.asked).toEqual([])
  })

  it('asks the next checker when the civic rules pass, and takes its refusal', async () => {
    const wechat = recordingChecker({ verdict: 'review' })
    expect(await contentPipeline(wechat.checker).check('门前堆放杂物', 'o1')).toEqual({ verdict: 'review' })
    expect(wechat.asked).toEqual(['门前堆放杂物'])
  })

  it('passes when every checker passes', async () => {
    const a = recordingChecker({ verdict: 'pass' })
    const b = recordingChecker({ verdict: 'pass' })
    expect(await contentPipeline(a.checker, b.checker).check('门前堆放杂物', 'o1')).toEqual({ verdict: 'pass' })
    expect([a.asked, b.asked]).toEqual([['门前堆放杂物'], ['门前堆放杂物']])
  })

  it('runs the civic rules alone in local mode', async () => {
    expect(await contentPipeline().check('门前堆放杂物', 'o1')).toEqual({ verdict: 'pass' })
    expect((await contentPipeline().check('刁民', 'o1')).verdict).toBe('risky')
  })
})
