import Taro from '@tarojs/taro'
import { ApiCallError, NETWORK_ERROR_MESSAGE } from '../errors'
import type { Transport } from './types'

/** WeChat: the caller's identity comes from the cloud function's WeChat context, never the payload. */
export const sendCloud: Transport = async (action, data) => {
  try {
    const res = await Taro.cloud.callFunction({ name: 'api', data: { action, data } })
    return res.result
  } catch (e) {
    console.warn('callFunction failed', action, e)
    throw new ApiCallError('NETWORK', NETWORK_ERROR_MESSAGE)
  }
}
