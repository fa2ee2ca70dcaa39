import type { Notice } from '../types/notice'
import { NOTICE_KIND_NAMES } from '../types/notice'
import type { TemplateKey } from '../types/inbox'
import type { Objection } from '../types/objection'
import type { Application } from '../types/application'
import type { LedgerEntry } from '../types/ledger'
import type { ChecklistItem } from '../types/checklist'
import { STAR_NAMES, type Star } from '../types/roles'

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

// ---- Star applications (创星申报): the applicant and the next reviewer hear of each transition. ----

/** The people an application's transition may reach (looked up by the backend). */
export interface ApplicationPeople {
  /** The village's secretaries. */
  secretaries: readonly string[]
  /** The task force of the application's star in its township. */
  taskForce: readonly string[]
  /** The township's leaders. */
  leaders: readonly string[]
}

const APPLICATION_OUTCOMES: Record<string, { kind: string; title: string; body: string } | undefined> = {
  'application.submit': { kind: 'application.submitted', title: '已提交，等待初审', body: '已提交专班初审。' },
  'application.return': { kind: 'application.returned', title: '被退回，请修改', body: '被专班退回，请按意见修改后重新提交。' },
  'application.recommend': { kind: 'application.recommended', title: '已推荐，等待审定', body: '已通过专班初审，推荐至镇党委审定。' },
  'application.approve': { kind: 'application.approved', title: '已授星', body: '经镇党委审定，已授星。' },
  'application.reject': { kind: 'application.rejected', title: '未通过审定', body: '经镇党委审定，未通过。' },
  'application.revoke': { kind: 'application.revoked', title: '已摘星', body: '经镇党委决定，已摘星。' },
}

/**
 * Who hears of an application's transition, and what. The applicant — its creator and the
 * village's secretaries — hear of every move (submit, return, recommend, approve, reject, revoke);
 * the next reviewer hears it is their turn: on submit the star's task force of the township, on
 * recommend the township's leaders. Nobody hears of their own action; creating and editing a draft
 * tell nobody. Event keys are stable per transition (`application.<action>:<id>:v<version>`, the
 * reviewer's with `.review`), so a retry adds nothing.
 */
export function applicationNotifications(
  app: Application,
  action: string,
  actor: string,
  comment: string | null,
  people: ApplicationPeople,
  villageName: string,
): Notification[] {
  const outcome = APPLICATION_OUTCOMES[action]
  if (!outcome) return []
  const starName = STAR_NAMES[app.star as Star]
  const what = `${villageName}${app.year}年${starName}申报`
  const key = `${action}:${app.id}:v${app.version}`
  const page = `/ratings/detail/index?id=${app.id}`
  const reviewers = action === 'application.submit' ? people.taskForce : action === 'application.recommend' ? people.leaders : []
  const reviewerSet = unique(reviewers.filter((r) => r !== actor))
  const applicant = unique([app.createdBy, ...people.secretaries].filter((p) => p !== actor && !reviewerSet.includes(p)))
  const said = comment ? `意见：${comment}` : ''
  const out: Notification[] = []
  if (applicant.length > 0) {
    out.push({ event: key, kind: outcome.kind, to: applicant, title: clipThing(`${starName}申报${outcome.title}`), body: `${what}${outcome.body}${said}`, page, template: 'result' })
  }
  if (reviewerSet.length > 0) {
    const step = action === 'application.submit' ? '初审' : '审定'
    out.push({
      event: `${action}.review:${app.id}:v${app.version}`,
      kind: `application.awaiting`,
      to: reviewerSet,
      title: clipThing(`${villageName}${starName}申报待${step}`),
      body: `${what}等待您${step}。${said}`,
      page,
      template: 'review',
    })
  }
  return out
}

// ---- Ledger (台账): the entry's creator hears when it is returned or verified. ----

export function ledgerReviewed(entry: LedgerEntry, actor: string): Notification | null {
  if (entry.status !== 'returned' && entry.status !== 'verified') return null
  const verified = entry.status === 'verified'
  const said = entry.reviewComment ? `意见：${entry.reviewComment}` : ''
  return {
    event: `ledger.${verified ? 'verified' : 'returned'}:${entry.id}:v${entry.version}`,
    kind: verified ? 'ledger.verified' : 'ledger.returned',
    to: entry.createdBy === actor ? [] : [entry.createdBy],
    title: verified ? '台账已核实' : '台账被退回，请修改',
    body: verified
      ? `您 ${entry.date} 提交的台账已核实。${said}`
      : `您 ${entry.date} 提交的台账被退回，请修改后重新提交。${said}`,
    page: verified ? `/records/ledger/index?villageId=${entry.villageId}&month=${entry.month}` : `/records/entry/index?villageId=${entry.villageId}&entryId=${entry.id}`,
    template: 'result',
  }
}

// ---- Improvement checklist (提升清单): its owner hears when an item is due this month, and when overdue. ----

/** The reminder an open item is owed in `month` (China), or null (done, awaiting acceptance, not yet due). */
export function checklistReminder(item: ChecklistItem, month: string): { key: string; notification: Omit<Notification, 'event'> } | null {
  if (item.status !== 'open' && item.status !== 'in_progress') return null
  if (item.dueMonth > month) return null
  const overdue = item.dueMonth < month
  return {
    key: overdue ? `${item.id}:overdue` : `${item.id}:due:${month}`,
    notification: {
      kind: overdue ? 'checklist.overdue' : 'checklist.due',
      to: [item.ownerId],
      title: overdue ? '提升清单事项已逾期' : '提升清单事项本月到期',
      body: overdue
        ? `您负责的“${clipThing(item.text, 40)}”应于 ${item.dueMonth} 完成，已逾期，请尽快办理并销号。`
        : `您负责的“${clipThing(item.text, 40)}”本月（${item.dueMonth}）到期，请按时办理并销号。`,
      page: `/records/checklist/index?villageId=${item.villageId}`,
      template: 'due',
    },
  }
}
