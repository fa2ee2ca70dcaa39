import Taro from '@tarojs/taro'

/** Initialises WeChat cloud development; an empty TARO_APP_CLOUD_ENV keeps the deployment's default environment. */
export function initCloud(): void {
  const env = process.env.TARO_APP_CLOUD_ENV
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
}
