import type { Award, AwardKind, AwardNominate, BoardAward } from '../types/award'
import type { Notice } from '../types/notice'
import { AWARD_KIND_NAMES, WEEKLY_AWARD_KINDS } from '../types/award-labels'
import type { Notification } from './notify'
import { conflict, forbidden, invalidInput } from './errors'
import { groupOf, subjectLabel } from './notice-rules'
import { addDays, isoWeekOf } from './time'

/** How many weeks back a weekly award may still be chosen. */
export const MAX_WEEKS_BACK = 8

export const isWeeklyKind = (kind: AwardKind) => WEEKLY_AWARD_KINDS.includes(kind)

/** The Monday and Sunday of an ISO week key (`2026-W49`). */
export function weekRange(week: string): { monday: string; sunday: string } {
  const year = Number(week.slice(0, 4))
  const n = Number(week.slice(6))
  // 4 January is always in week 1.
  const w1 = isoWeekOf(`${year}-01-04`)
  const monday = addDays(w1.monday, (n - 1) * 7)
  if (isoWeekOf(monday).key !== week) throw invalidInput('该年没有这一周', 'week')
  return { monday, sunday: addDays(monday, 6) }
}

/** A week to choose from: not after this week, and no more than MAX_WEEKS_BACK before it. */
export function checkWeek(week: string, today: string): { monday: string; sunday: string } {
  const range = weekRange(week)
  const thisMonday = isoWeekOf(today).monday
  if (range.monday > thisMonday) throw invalidInput('不能评选以后的周', 'week')
  if (range.monday < addDays(thisMonday, -7 * MAX_WEEKS_BACK)) throw invalidInput(`只能评选最近${MAX_WEEKS_BACK}周`, 'week')
  return range
}

/** The day a notice counts on: its board day once published, else the day it is approved for. */
const noticeDay = (notice: Notice) => notice.boardDate ?? notice.publishDate

/** A notice an award may be drawn from: an approved (or published) praise of the village. */
export function checkPraiseSource(notice: Notice, villageId: string): void {
  if (notice.villageId !== villageId) throw invalidInput('该公告不属于本村', 'noticeId')
  if (notice.kind !== 'praise') throw invalidInput('只能从表扬公告中评选', 'noticeId')
  if (notice.status !== 'approved' && notice.status !== 'published') throw invalidInput('只能从已审核通过的表扬公告中评选', 'noticeId')
}

/** What a nomination stores, worked out from the input and its notice (loaded by the handler). */
export interface Nomination {
  week: string | null
  year: number
  subject: Award['subject']
  group: string | null
  label: string
  reason: string
}

/** The public label, as praise shows it: name and household number; a group by its 组. */
export function awardLabel(kind: AwardKind, subject: Award['subject'], group: string | null): string {
  if (kind === 'excellentGroup') return group ?? ''
  return subject ? subjectLabel({ kind: 'praise', subject }, false) : ''
}

/** Checks a nomination against its kind's rules and the notice it names (null when none). */
export function nominationOf(input: AwardNominate, notice: Notice | null, today: string): Nomination {
  if (isWeeklyKind(input.kind)) {
    if (!input.week) throw invalidInput('请选择评选的周', 'week')
    if (!input.noticeId || !notice) throw invalidInput('请从本周的表扬公告中选择', 'noticeId')
    checkPraiseSource(notice, input.villageId)
    const range = checkWeek(input.week, today)
    const day = noticeDay(notice)
    if (day < range.monday || day > range.sunday) throw invalidInput('该表扬公告不在所选的周内', 'noticeId')
    const subject = input.kind === 'weeklyStar' ? notice.subject : null
    const group = input.kind === 'excellentGroup' ? (input.group ?? groupOf(notice.subject.householdNo)) : null
    if (input.kind === 'excellentGroup' && !group) throw invalidInput('该公告的户号中没有“组”，请填写组', 'group')
    return { week: input.week, year: Number(range.sunday.slice(0, 4)), subject, group, label: awardLabel(input.kind, subject, group), reason: input.reason ?? notice.text }
  }
  // 五好家庭: once a year, this year or last.
  const year = input.year ?? Number(today.slice(0, 4))
  const thisYear = Number(today.slice(0, 4))
  if (year > thisYear || year < thisYear - 1) throw invalidInput('只能评选今年或去年的五好家庭', 'year')
  if (notice) {
    checkPraiseSource(notice, input.villageId)
    if (!noticeDay(notice).startsWith(String(year))) throw invalidInput('该表扬公告不在所选年份内', 'noticeId')
  } else if (input.noticeId) {
    throw invalidInput('公告不存在', 'noticeId')
  }
  const subject = input.subject ? { ...input.subject } : (notice?.subject ?? null)
  if (!subject) throw invalidInput('请填写家庭户主姓名，或选择一条表扬公告', 'subject')
  const reason = input.reason ?? notice?.text
  if (!reason) throw invalidInput('请填写事迹', 'reason')
  return { week: null, year, subject, group: null, label: awardLabel(input.kind, subject, null), reason }
}

/** The texts a nomination adds, for the content check (the notice's own text was checked when drafted). */
export function nominationTexts(input: AwardNominate): string {
  return [input.subject?.name, input.subject?.householdNo, input.group, input.reason, input.prize].filter(Boolean).join('\n')
}

/** Confirming: only a nominated award, and by someone other than its nominator (four eyes). */
export function confirmOutcome(award: Award, deciderOpenid: string, decision: 'confirm' | 'reject'): 'confirmed' | 'rejected' {
  if (award.status !== 'nominated') throw conflict('该评选已处理，请刷新后查看')
  if (award.nominatedBy === deciderOpenid) throw forbidden('评选须由提名人以外的人确认')
  return decision === 'confirm' ? 'confirmed' : 'rejected'
}

/** A confirmed award goes on the next day's board. */
export const awardBoardDate = (today: string) => addDays(today, 1)

export function toBoardAward(award: Award): BoardAward {
  return { awardId: award.id, kind: award.kind, label: award.label, reason: award.reason, prize: award.prize, week: award.week, year: award.year }
}

const KIND_ORDER: Record<AwardKind, number> = { weeklyStar: 0, excellentGroup: 1, fiveGoodFamily: 2 }

/** `awards` with `next` put in (replacing its old block), in board order. */
export function mergeAwards(awards: BoardAward[], next: BoardAward[]): BoardAward[] {
  const byId = new Map(awards.map((a) => [a.awardId, a]))
  for (const a of next) byId.set(a.awardId, a)
  return [...byId.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.awardId.localeCompare(b.awardId))
}

// ---- Who hears of it (backend/notify looks the people up) ----

/** A nomination waits for confirmation: its confirmers (the village's other secretaries, else the township's leaders). */
export function awardNominated(award: Award, confirmers: readonly string[], villageName: string): Notification {
  return {
    event: `award.nominated:${award.id}`,
    kind: 'award.nominated',
    to: [...new Set(confirmers.filter((c) => c !== award.nominatedBy))],
    title: `${villageName}${AWARD_KIND_NAMES[award.kind]}待确认`,
    body: `${award.nominatedByName}提名${award.label}为${AWARD_KIND_NAMES[award.kind]}，请确认。`,
    page: '/awards/index/index',
    template: 'review',
  }
}

/** The nominator hears of the decision. */
export function awardDecided(award: Award): Notification {
  const confirmed = award.status === 'confirmed'
  return {
    event: `award.decided:${award.id}:v${award.version}`,
    kind: confirmed ? 'award.confirmed' : 'award.rejected',
    to: award.decidedBy && award.decidedBy !== award.nominatedBy ? [award.nominatedBy] : [],
    title: confirmed ? `${AWARD_KIND_NAMES[award.kind]}已确认` : `${AWARD_KIND_NAMES[award.kind]}未通过`,
    body: confirmed ? `${award.label}的${AWARD_KIND_NAMES[award.kind]}已确认，将于 ${award.boardDate} 登上表扬曝光台。` : `${award.label}的${AWARD_KIND_NAMES[award.kind]}提名未通过。`,
    page: '/awards/index/index',
    template: 'result',
  }
}
