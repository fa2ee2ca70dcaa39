import { ZPublishRequest } from '../../types/api'
import { DomainError } from '../../core/errors'
import { chinaDay } from '../../core/time'
import type { Deps } from '../deps'
import { zodIssues } from '../router'
import { publishDueNotices, type PublishReport } from './publish-due'
import { reduceOldCriticisms } from './retention'

/**
 * The 07:00 job, shared by the cloud timer, the local scheduler and `npm run publish:daily`.
 * "Today" is China's whatever the host's zone; a future day is refused so nothing goes out early.
 */
export async function runDailyPublish(deps: Deps, request: unknown = {}): Promise<PublishReport & { criticismsReduced: number }> {
  const parsed = ZPublishRequest.safeParse(request ?? {})
  if (!parsed.success) throw new DomainError('INVALID_INPUT', '参数不正确：date 应为 YYYY-MM-DD', zodIssues(parsed.error))
  const today = chinaDay(deps.now())
  const date = parsed.data.date ?? today
  if (date > today) throw new DomainError('INVALID_INPUT', `不能提前发布 ${date} 的公告（今天是 ${today}）`, [{ path: 'date', message: '日期不能晚于今天' }])
  const report = await publishDueNotices(deps, { date })
  return { ...report, criticismsReduced: await reduceOldCriticisms(deps, today) }
}
