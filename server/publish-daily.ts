import { parseArgs } from 'node:util'
import { chinaDay, isPublishDue } from '../core/time'
import { seedIfEmpty } from '../backend/seed/seed'
import { runDailyPublish } from '../backend/publish/daily'
import { loadConfig } from './config'
import { createLocalDeps } from './local-deps'

/** `npm run publish:daily -- --date YYYY-MM-DD`: the 07:00 job, by hand, against the local data. */
async function main() {
  const { values } = parseArgs({ options: { date: { type: 'string' } } })
  const { deps, close } = createLocalDeps(loadConfig().DATA_DIR)
  try {
    const today = chinaDay(deps.now())
    await seedIfEmpty(deps, today)
    // Like the timer, an undated run before 07:00 does not put today's board out early.
    if (!values.date && !isPublishDue(today, deps.now())) {
      console.log(`还没到 ${today} 07:00（北京时间），今天的公告栏不提前发布；如需补发以前的日期请加 --date`)
      return
    }
    const report = await runDailyPublish(deps, values.date ? { date: values.date } : {})
    console.log(`${report.date}：发布 ${report.noticesPublished} 条公告，新建 ${report.boardsCreated} 个、更新 ${report.boardsUpdated} 个公告栏`)
  } finally {
    close()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? `发布失败：${error.message}` : error)
  process.exit(1)
})
