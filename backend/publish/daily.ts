import { ZPublishRequest } from '../../types/api'
import { DomainError } from '../../core/errors'
import { chinaDay } from '../../core/time'
import type { Deps } from '../deps'
import { zodIssues } from '../router'
import { publishDueNotices, type PublishReport } from './publish-due'
import { runMorningReminder, type MorningReminderReport } from '../notify/morning-reminder'
import { runDueReminders, type ReminderRunReport } from '../notify/reminders'
import { forgetOldRequests, reduceOldCriticisms } from './retention'
import { sendOwedMessages } from '../notify/owed'
import type { NotifyReport } from '../notify'
// The workflows' due/overdue reminder sources register themselves on load.
import '../notify/checklist-reminders'

/** The publish, what the retention passes reduced and forgot, and what the reminders that follow did (absent when back-filling a past day). */
export type DailyReport = PublishReport & {
  criticismsReduced: number
  /** Edit-request markers past their retention, deleted. */
  requestsForgotten: number
  morningReminder?: MorningReminderReport | null
  dueReminders?: ReminderRunReport[]
  /** Messages transitions owed and never sent (their function died after the commit), sent now. */
  owedMessages?: NotifyReport
}

/**
 * The 07:00 job, shared by the cloud timer, the local scheduler and `npm run publish:daily`.
 * "Today" is China's whatever the host's zone; a future day is refused so nothing goes out early.
 */
export async function runDailyPublish(deps: Deps, request: unknown = {}): Promise<DailyReport> {
  const parsed = ZPublishRequest.safeParse(request ?? {})
  if (!parsed.success) throw new DomainError('INVALID_INPUT', '参数不正确：date 应为 YYYY-MM-DD', zodIssues(parsed.error))
  const today = chinaDay(deps.now())
  const date = parsed.data.date ?? today
  if (date > today) throw new DomainError('INVALID_INPUT', `不能提前发布 ${date} 的公告（今天是 ${today}）`, [{ path: 'date', message: '日期不能晚于今天' }])
  const published = await publishDueNotices(deps, { date })
  const report: DailyReport = { ...published, criticismsReduced: await reduceOldCriticisms(deps, today), requestsForgotten: await forgetOldRequests(deps) }
  // Only today's run reminds: back-filling a past day tells nobody "today's board is out".
  if (date !== today) return report
  // After the boards are out. A reminder failure never fails the publish: logged, reported, retried next run.
  try {
    report.morningReminder = await runMorningReminder(deps, { date })
  } catch (error) {
    console.error('[daily] morning reminder failed', error)
    report.morningReminder = null
  }
  report.dueReminders = await runDueReminders(deps)
  report.owedMessages = await sendOwedMessages(deps)
  return report
}
