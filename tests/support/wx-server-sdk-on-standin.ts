import type { CloudbaseStandin } from './cloudbase-standin'

type WxServerSdk = typeof import('wx-server-sdk')

/**
 * Loads the real wx-server-sdk in this process, pointed at the stand-in (tests only). The
 * environment is set before the SDK is required and stays set, because the SDK reads it on every
 * request; a call that reached the real cloud would fail and crash Node with an unhandled rejection.
 */
export function loadSdkAgainstStandin(standin: CloudbaseStandin, caller: { openid?: string } = {}): WxServerSdk {
  Object.assign(process.env, standin.sdkEnv(caller))
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as WxServerSdk
  cloud.init({ env: standin.env })
  return cloud
}
