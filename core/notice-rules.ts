import type { Notice, NoticeStatus } from '../types/notice'
import type { BoardEntry } from '../types/board'
import { conflict, forbidden, invalidInput } from './errors'
import { addDays, daysBetween } from './time'

/** A criticism stays on the public board for 7 days (day 0 to day 6); cadres keep it. */
export const CRITICISM_PUBLIC_DAYS = 7
/** How far ahead a cadre may schedule a notice. */
export const MAX_DAYS_AHEAD = 30

/** The publish day must be today (China) or within the next 30 days. */
export function checkPublishDate(publishDate: string, today: string): void {
  if (publishDate < today) throw invalidInput('公告日期不能早于今天', 'publishDate')
  if (publishDate > addDays(today, MAX_DAYS_AHEAD)) throw invalidInput(`公告日期最多提前${MAX_DAYS_AHEAD}天`, 'publishDate')
}

/** Review: only a pending notice can be decided, and a criticism needs a second person. */
export function reviewOutcome(notice: Notice, reviewerOpenid: string, decision: 'approve' | 'reject'): NoticeStatus {
  if (notice.status !== 'pending') throw conflict('该公告已审核，请刷新后查看')
  if (decision === 'approve' && notice.kind === 'criticism' && notice.draftedBy === reviewerOpenid) {
    throw forbidden('曝光内容须由起草人以外的人审核通过')
  }
  return decision === 'approve' ? 'approved' : 'rejected'
}

export function checkRectifiable(notice: Notice): void {
  if (notice.kind !== 'criticism') throw invalidInput('只有曝光内容可以标记整改完成', 'noticeId')
  if (notice.status !== 'published') throw conflict('只有已发布的曝光内容可以标记整改完成')
  if (notice.rectifiedAt) throw conflict('该曝光内容已标记整改完成')
}

export function checkObjectable(notice: Notice, today: string): void {
  if (notice.kind !== 'criticism' || notice.status !== 'published') throw invalidInput('只能对已发布的曝光内容提出申诉', 'noticeId')
  if (!isCriticismStillPublic(notice, today)) throw invalidInput('该曝光内容已不在公示期内', 'noticeId')
}

export function isCriticismStillPublic(notice: Pick<Notice, 'boardDate'>, today: string): boolean {
  return notice.boardDate !== null && daysBetween(notice.boardDate, today) < CRITICISM_PUBLIC_DAYS
}

/** 张三 → 张某, 欧阳娜娜 → 欧某某某: the public never sees a criticised person's full name. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return '某某'
  return chars[0] + '某'.repeat(Math.max(1, chars.length - 1))
}

/** Whether a published notice shows on the public board seen on `today`. */
export function isPubliclyVisible(notice: Notice, today: string): boolean {
  if (notice.status !== 'published') return false
  if (notice.kind === 'praise') return true
  return notice.openObjections === 0 && isCriticismStillPublic(notice, today)
}

/**
 * The 组 (village group) of a household number as written: "2组8号" → "2组", "十三组" → "十三组".
 * Null when no 组 can be recognised — then a public label carries no household detail at all.
 */
export function groupOf(householdNo: string | undefined): string | null {
  const match = householdNo?.match(/[0-9０-９一二三四五六七八九十百零〇两]+\s*组/)
  return match ? match[0].replace(/\s+/g, '') : null
}

/**
 * A criticism as the public sees it: masked name and the 组 only (赵某某（2组）) — the house number
 * would identify the person in a village of a few hundred households, and the 广播稿 reads it aloud.
 */
export function publicCriticismSubject(subject: Notice['subject']): Notice['subject'] {
  const group = groupOf(subject.householdNo)
  return group ? { name: maskName(subject.name), householdNo: group } : { name: maskName(subject.name) }
}

/** Whether a stored subject is already no more than its public form (after the retention step). */
export const isReducedSubject = (subject: Notice['subject']) => {
  const reduced = publicCriticismSubject(subject)
  return reduced.name === subject.name && reduced.householdNo === subject.householdNo
}

const labelOf = (subject: Notice['subject']) => (subject.householdNo ? `${subject.name}（${subject.householdNo}）` : subject.name)

/** The subject's label: cadres and praise see it in full; the public sees a criticism's reduced form. */
export function subjectLabel(notice: Pick<Notice, 'kind' | 'subject'>, internal: boolean): string {
  return labelOf(notice.kind === 'criticism' && !internal ? publicCriticismSubject(notice.subject) : notice.subject)
}

/** How a notice appears on a board: the cadres' view keeps names, the public view masks criticism. */
export function toBoardEntry(notice: Notice, internal: boolean): BoardEntry {
  return {
    noticeId: notice.id,
    kind: notice.kind,
    category: notice.category,
    subjectLabel: subjectLabel(notice, internal),
    text: notice.text,
    photos: notice.photos,
    rectified: notice.rectifiedAt !== null,
  }
}

/** Nobody decides their own objection (a cadre bound to the village may also object as a villager). */
export function checkObjectionDecider(objection: { openid: string }, deciderOpenid: string): void {
  if (objection.openid === deciderOpenid) throw forbidden('不能处理自己提出的申诉')
}
