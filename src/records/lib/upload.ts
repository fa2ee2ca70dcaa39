import Taro from '@tarojs/taro'
import { uploadPhoto } from '../../services/photos'

/** Compresses a chosen photo on the device (WeChat); the browser build sends the picker's compressed file. */
async function compress(path: string): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp') return path
  try {
    return (await Taro.compressImage({ src: path, quality: 60 })).tempFilePath
  } catch {
    return path
  }
}

/** Uploads with retries: rural signal drops; three tries with a growing pause, then the error. */
export async function uploadWithRetry(path: string, openid: string, tries = 3): Promise<string> {
  const file = await compress(path)
  let lastError: unknown
  for (let attempt = 0; attempt < tries; attempt++) {
    try {
      return await uploadPhoto(file, `ledger/${openid}`)
    } catch (error) {
      lastError = error
      await new Promise((r) => setTimeout(r, 800 * (attempt + 1)))
    }
  }
  throw lastError
}
