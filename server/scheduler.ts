import { Cron } from 'croner'
import { CHINA_TZ, PUBLISH_HOUR } from '../core/time'
import { runDailyPublish } from '../backend/publish/daily'
import type { Deps } from '../backend/deps'

/** Local mode's stand-in for the cloud timer: 07:00 every day, China time, whatever the host's zone. */
export function scheduleDailyPublish(deps: Deps, log: (message: string) => void): Cron {
  return new Cron(`0 0 ${PUBLISH_HOUR} * * *`, { timezone: CHINA_TZ, protect: true }, async () => {
    try {
      const report = await runDailyPublish(deps)
      log(`[publish] ${report.date}: ${report.noticesPublished} 条公告发布，新建 ${report.boardsCreated} 个公告栏`)
    } catch (error) {
      log(`[publish] 失败：${String(error)}`)
    }
  })
}
