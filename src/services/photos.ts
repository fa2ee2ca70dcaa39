// Uploading is for cadres' forms only (src/cadre/): this module and its zod stay out of the main package.
import Taro from '@tarojs/taro'
import { z } from 'zod'
import { ZPhotoId } from '../../types/common'
import { ApiCallError, NETWORK_ERROR_MESSAGE } from './errors'
import { openEnvelope } from './envelope'

// At module level, not inside the async function: transpiled async code hides the guard from webpack.
const uploadHttp =
  process.env.TARO_ENV === 'h5' ? (require('./transport/http') as typeof import('./transport/http')).uploadHttp : null

const ZUploaded = z.object({ fileId: ZPhotoId })

function extensionOf(path: string): string {
  const m = /\.(jpe?g|png|webp)$/i.exec(path)
  return m ? m[1].toLowerCase() : 'jpg'
}

function randomName(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

async function uploadToCloud(tempFilePath: string, folder: string): Promise<string> {
  try {
    const res = await Taro.cloud.uploadFile({
      cloudPath: `${folder}/${randomName()}.${extensionOf(tempFilePath)}`,
      filePath: tempFilePath,
    })
    return ZPhotoId.parse(res.fileID)
  } catch (e) {
    console.warn('uploadFile failed', e)
    throw new ApiCallError('NETWORK', NETWORK_ERROR_MESSAGE)
  }
}

/**
 * Uploads a photo picked with chooseImage and resolves with its file id (`cloud://…` or `local://…`).
 * `cloudFolder`: where it goes in cloud storage (ledger photos: `ledger/<own openid>`, which the function checks).
 */
export async function uploadPhoto(tempFilePath: string, cloudFolder = 'notices'): Promise<string> {
  if (uploadHttp) return openEnvelope(await uploadHttp(tempFilePath), ZUploaded, 'upload').fileId
  return uploadToCloud(tempFilePath, cloudFolder)
}

export { photoUrl } from './photo-url'
