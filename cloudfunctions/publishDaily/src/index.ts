import { runDailyPublish } from '../../../backend/publish/daily'
import { toErrorResponse } from '../../../backend/router'
import { createCloudDeps, loadCloud } from '../../../backend/cloud-deps'

/**
 * The 07:00 timer (config.json). A timer invocation carries no OPENID; a call from a mini-program
 * user does, and is refused, so nobody can publish a day's board early by hand.
 */
export async function main(event: { date?: string } | undefined) {
  const cloud = loadCloud()
  if (cloud.getWXContext().OPENID) return { ok: false, error: { code: 'FORBIDDEN', message: '公告栏只能由定时任务发布' } }
  try {
    const report = await runDailyPublish(createCloudDeps(cloud), event?.date ? { date: event.date } : {})
    return { ok: true, data: report }
  } catch (error) {
    return toErrorResponse(error)
  }
}
