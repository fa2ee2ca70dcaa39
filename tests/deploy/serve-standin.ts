import { APP_ID, APP_SECRET, CloudStandin, ENV_ID } from './standin'

/**
 * `npx tsx tests/deploy/serve-standin.ts`: runs the deploy stand-in on 127.0.0.1 (an empty environment)
 * and prints a `.deploy.json` that points `npm run deploy -- --dry-run` and `npm run doctor` at it.
 * Stops by itself after 10 minutes, or on Ctrl-C.
 */
void (async () => {
  const standin = await new CloudStandin().start()
  const config = { appId: APP_ID, envId: ENV_ID, appSecret: APP_SECRET, privateKeyPath: 'none.key', wechatBase: standin.base, tencentCloudBase: `${standin.base}/tc` }
  console.log(JSON.stringify(config, null, 2))
  const stop = () => void standin.stop().then(() => {
    if (standin.violations.length) console.error(`请求形状不符：\n${standin.violations.join('\n')}`)
    process.exit(standin.violations.length ? 1 : 0)
  })
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  setTimeout(stop, 10 * 60 * 1000).unref()
  setInterval(() => undefined, 60_000)
})()
