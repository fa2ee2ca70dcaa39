import { chinaDay, isPublishDue } from '../core/time'
import { addMissingDemoPeople, seedIfEmpty } from '../backend/seed/seed'
import { runDailyPublish } from '../backend/publish/daily'
import { isLoopback, loadConfig } from './config'
import { createLocalDeps } from './local-deps'
import { buildLocalServer } from './app'
import { scheduleDailyPublish } from './scheduler'
import { ensureH5Build } from './h5-build'

/** `npm start`: build the H5 app if missing or older than its sources, open (and on first run seed) the database, serve everything. */
async function main() {
  const config = loadConfig()
  ensureH5Build(config.rootDir, config.h5Dir)
  const shownHost = isLoopback(config.HOST) || config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST
  const { deps, close } = createLocalDeps(config.DATA_DIR, undefined, { baseUrl: `http://${shownHost}:${config.PORT}/` })
  const now = deps.now()
  if (await seedIfEmpty(deps, chinaDay(now))) console.log('已创建本地数据库并写入方岗镇演示数据')
  else if ((await addMissingDemoPeople(deps)) > 0) console.log('已补充新增的演示人员')
  // Catch up a 07:00 run missed while the server was down (idempotent).
  if (isPublishDue(chinaDay(now), now)) await runDailyPublish(deps)
  const job = scheduleDailyPublish(deps, console.log)
  const app = await buildLocalServer({ deps, dataDir: config.DATA_DIR, h5Dir: config.h5Dir, demoLogin: config.DEMO_LOGIN === 'on' })
  const address = await app.listen({ port: config.PORT, host: config.HOST })
  console.log(`五星支部 本地版已启动：${address.replace('127.0.0.1', 'localhost')}/`)
  console.log(`数据目录：${config.DATA_DIR}；每天 07:00（北京时间）自动发布公告栏`)
  const shutdown = async () => {
    job.stop()
    await app.close()
    close()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
