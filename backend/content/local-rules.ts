import type { ContentChecker } from '../../core/content-check'

/**
 * Local stand-in for WeChat's msgSecCheck: refuses insults and labels of a person's character,
 * the failure the public "黑榜" drew national criticism for. A criticism names a behaviour and its fix.
 */
export const BLOCKED_TERMS = ['懒汉', '懒鬼', '懒虫', '废物', '不要脸', '刁民', '垃圾人', '人渣', '无赖', '泼妇', '傻子', '混蛋', '王八蛋', '去死']

export const localContentChecker: ContentChecker = {
  async check(text) {
    const normalized = text.replace(/\s+/g, '')
    return BLOCKED_TERMS.some((term) => normalized.includes(term)) ? 'risky' : 'pass'
  },
}
