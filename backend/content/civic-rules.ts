/**
 * The civic rules: a criticism on the public board describes a behaviour and its fix, never a
 * person's character. The public "黑榜" boards drew national criticism for exactly these labels, and
 * WeChat's msgSecCheck passes most of them, so they are checked here first, everywhere (local mode and
 * production alike). Each rule is the words it blocks and the reason a cadre is shown.
 */
export type CivicRule = {
  /** Words refused anywhere in the subject's name, household number or text (blanks ignored). */
  terms: readonly string[]
  /** Why, in words the cadre who wrote it can act on. */
  reason: string
}

export const CIVIC_RULES: readonly CivicRule[] = [
  { terms: ['懒汉', '懒鬼', '懒虫'], reason: '“懒”是对人品的评价；请写清哪件事没有做、要怎样整改' },
  { terms: ['刁民', '无赖', '泼妇'], reason: '这是给村民扣帽子（“泼妇”还带性别歧视）；请只写具体的行为' },
  { terms: ['废物', '垃圾人', '人渣', '不要脸'], reason: '这是侮辱人格的话，公告栏上不能出现' },
  { terms: ['傻子', '混蛋', '王八蛋'], reason: '这是骂人的话，公告栏上不能出现' },
  { terms: ['去死'], reason: '这是诅咒和威胁，公告栏上不能出现' },
]

/** Blanks and invisible characters a writer might put between the characters of a blocked word. */
const IGNORED = /[\s\u200b-\u200d\u2060\ufeff]+/g

/** The first civic rule `text` breaks, with the word that broke it, or null. */
export function brokenCivicRule(text: string): { term: string; rule: CivicRule } | null {
  const normalized = text.replace(IGNORED, '')
  for (const rule of CIVIC_RULES) {
    const term = rule.terms.find((t) => normalized.includes(t))
    if (term) return { term, rule }
  }
  return null
}
