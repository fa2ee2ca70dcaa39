import type { BoardEntry } from '../types/board'
import type { BoardAward } from '../types/award'
import { AWARD_KIND_NAMES } from '../types/award-labels'
import { chineseDate } from './time'

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
const ordinal = (i: number) => (i < ORDINALS.length ? ORDINALS[i] : String(i + 1))

/** 广播稿: the day's board as text a cadre reads out over the loudspeaker (or feeds to a speaker). */
export function buildBroadcastScript(villageName: string, day: string, entries: BoardEntry[], awards: BoardAward[] = []): string {
  const praise = entries.filter((e) => e.kind === 'praise')
  const criticism = entries.filter((e) => e.kind === 'criticism')
  const lines = [`各位村民，现在播报${villageName}${chineseDate(day)}“每天表扬曝光台”。`]
  if (entries.length === 0 && awards.length === 0) {
    lines.push('今天没有表扬和曝光内容。请大家继续保持好习惯，共建美丽乡村。')
    return lines.join('\n')
  }
  if (awards.length > 0) {
    lines.push('下面公布评选结果：')
    awards.forEach((a) => lines.push(`${AWARD_KIND_NAMES[a.kind]}：${a.label}，${a.reason.replace(/[。.！!]+$/, '')}${a.prize ? `，奖励${a.prize}` : ''}。`))
    lines.push('向他们表示祝贺。')
  }
  if (praise.length > 0) {
    lines.push('下面是表扬内容：')
    praise.forEach((e, i) => lines.push(`${ordinal(i)}、${e.subjectLabel}，${e.category}：${e.text}`))
    lines.push('希望大家向他们学习。')
  }
  if (criticism.length > 0) {
    lines.push('下面是曝光内容：')
    criticism.forEach((e, i) =>
      lines.push(`${ordinal(i)}、${e.subjectLabel}，${e.category}：${e.text}${e.rectified ? '（现已整改完成）' : '请及时整改。'}`),
    )
  }
  lines.push('播报完毕，谢谢大家。')
  return lines.join('\n')
}
