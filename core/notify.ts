import type { Notice } from '../types/notice'
import { NOTICE_KIND_NAMES } from '../types/notice'
import type { TemplateKey } from '../types/inbox'
import type { Objection } from '../types/objection'

/**
 * The notification port: what a workflow hands over when one of its transitions should reach
 * people — who, what, and the page it opens. Behind it (backend/notify) every recipient gets an
 * in-app inbox entry and, where they accepted one, a WeChat subscribe message. Notifying never
 * fails the transition that caused it.
 */
export interface Notification {
  /**
   * The event's stable key, e.g. `notice.submitted:<noticeId>:v1`. The inbox entry's id is derived
   * from (recipient, event): notifying the same event again — a retried action, a second timer
   * run — writes nothing and sends nothing.
   */
  event: string
  /** What happened, for the inbox's icon and filters, e.g. `notice.approved`. */
  kind: string
  /** Recipients' openids; duplicates are dropped. */
  to: readonly string[]
  /** Short: WeChat's `thing` fields take 20 characters. */
  title: string
  body: string
  /** The mini-program page the message opens, e.g. `/cadre/review/index?villageId=tiegou`. */
  page: string
  /** Which subscribe-message template carries it to WeChat. */
  template: TemplateKey
}

/** What a workflow calls; the backend's implementation is `notify(deps, notification)`. */
export type Notify = (notification: Notification) => Promise<void>

/** WeChat's `thing` fields accept at most 20 characters. */
export const clipThing = (text: string, max = 20) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

// ---- Notices: who hears of each transition (a pure rule; the backend looks the people up). ----

/**
 * Who is asked to review a new draft: the village's secretaries other than its drafter. A
 * criticism needs a second person (its drafter cannot approve it), so when the drafter is the
 * village's only secretary nobody in the village can review it: the township's leaders hear of it.
 */
export function draftReviewers(notice: Pick<Notice, 'kind' | 'draftedBy'>, villageSecretaries: readonly string[], townshipLeaders: readonly string[]): string[] {
  const others = villageSecretaries.filter((s) => s !== notice.draftedBy)
  if (others.length > 0) return unique(others)
  return notice.kind === 'criticism' ? unique(townshipLeaders.filter((l) => l !== notice.draftedBy)) : []
}

export function noticeSubmitted(notice: Notice, reviewers: readonly string[], villageName: string): Notification {
  const kind = NOTICE_KIND_NAMES[notice.kind]
  return {
    event: `notice.submitted:${notice.id}`,
    kind: 'notice.submitted',
    to: reviewers,
    title: `${villageName}${kind}公告待审核`,
    body: `${notice.draftedByName}起草了一条${kind}公告（${notice.category}），计划 ${notice.publishDate} 发布，请审核。`,
    page: `/cadre/review/index?villageId=${notice.villageId}`,
    template: 'review',
  }
}

/** The drafter hears of the decision — unless they decided it themselves. */
export function noticeReviewed(notice: Notice): Notification {
  const approved = notice.status === 'approved' || notice.status === 'published'
  const kind = NOTICE_KIND_NAMES[notice.kind]
  const comment = notice.reviewComment ? `审核意见：${notice.reviewComment}` : ''
  return {
    event: `notice.reviewed:${notice.id}:v${notice.version}`,
    kind: approved ? 'notice.approved' : 'notice.rejected',
    to: notice.reviewedBy && notice.reviewedBy !== notice.draftedBy ? [notice.draftedBy] : [],
    title: approved ? `${kind}公告已通过审核` : `${kind}公告被驳回`,
    body: approved
      ? `您起草的${kind}公告（${notice.category}）已通过，将于 ${notice.publishDate} 发布。${comment}`
      : `您起草的${kind}公告（${notice.category}）被驳回。${comment || '请修改后重新起草。'}`,
    // The village's drafts list, where the drafter sees the notice with its status and comment.
    page: `/cadre/review/index?villageId=${notice.villageId}&tab=all`,
    template: 'result',
  }
}

// ---- Objections (申诉): the secretaries hear of a new one, the villager of the decision. ----

/** A villager objected to a criticism: the village's secretaries (never the objector; nobody decides their own). */
export function objectionFiled(objection: Objection, villageSecretaries: readonly string[], villageName: string): Notification {
  return {
    event: `objection.filed:${objection.id}`,
    kind: 'objection.filed',
    to: unique(villageSecretaries.filter((s) => s !== objection.openid)),
    title: `${villageName}有新的申诉待处理`,
    body: `村民对一条曝光提出申诉：${objection.reason}`,
    page: `/cadre/objections/index?villageId=${objection.villageId}`,
    template: 'review',
  }
}

export function objectionDecided(objection: Objection): Notification {
  const upheld = objection.status === 'upheld'
  return {
    event: `objection.decided:${objection.id}`,
    kind: upheld ? 'objection.upheld' : 'objection.dismissed',
    to: [objection.openid],
    title: upheld ? '您的申诉成立' : '您的申诉未获支持',
    body: upheld ? '该曝光已撤下，感谢您的反映。' : '经村党支部书记核实，该曝光恢复公示。',
    page: '/pages/board/index',
    template: 'result',
  }
}

const unique = (ids: readonly string[]) => [...new Set(ids)]
