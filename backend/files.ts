import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'

/**
 * Where generated files (exports) go and which photo ids a caller may attach. Locally: a folder
 * the local server serves, and only `local://` uploads. In WeChat: cloud storage, and only
 * `cloud://` ids of this environment under the caller's own folder.
 */
export interface FileSink {
  /** Stores a generated file; answers the address the client downloads it from. */
  saveExport(fileName: string, data: Buffer): Promise<string>
  /** Whether `photoId` is one this caller may attach to a record. */
  acceptsPhoto(openid: string, photoId: string): boolean
}

export const EXPORT_NAME = /^[a-f0-9]{24}\.xlsx$/

/** Local mode: exports land in `<dataDir>/exports` and are served at `/exports/<name>`. */
export function localFileSink(dataDir: string): FileSink {
  const dir = path.join(dataDir, 'exports')
  return {
    async saveExport(_fileName, data) {
      await fs.promises.mkdir(dir, { recursive: true })
      const name = `${randomBytes(12).toString('hex')}.xlsx`
      await fs.promises.writeFile(path.join(dir, name), data)
      return `/exports/${name}`
    },
    acceptsPhoto: (_openid, photoId) => photoId.startsWith('local://'),
  }
}

/** The slice of wx-server-sdk used for files. */
export interface CloudFilesApi {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  getTempFileURL(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string }> }>
}

/** The folder a caller's photos live under: `<folder>/<openid>/…` (the mini-program uploads there). */
export const PHOTO_FOLDER = 'ledger'

/**
 * WeChat: exports go to cloud storage and the answer is a temporary https address for
 * Taro.downloadFile; photos must be this environment's files under `ledger/<caller's openid>/`.
 */
export function cloudFileSink(cloud: CloudFilesApi, envId: () => string): FileSink {
  return {
    async saveExport(_fileName, data) {
      const { fileID } = await cloud.uploadFile({ cloudPath: `exports/${randomBytes(12).toString('hex')}.xlsx`, fileContent: data })
      const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] })
      return fileList[0]?.tempFileURL ?? fileID
    },
    acceptsPhoto: (openid, photoId) => acceptsCloudPhoto(envId(), openid, photoId),
  }
}

/** `cloud://<env>.<bucket>/ledger/<openid>/<file>`: this environment's, in the caller's folder, no path tricks. */
export function acceptsCloudPhoto(envId: string, openid: string, photoId: string): boolean {
  const match = /^cloud:\/\/([^./]+)\.[^/]+\/(.+)$/.exec(photoId)
  if (!match || match[1] !== envId) return false
  const parts = match[2].split('/')
  return parts.length === 3 && parts[0] === PHOTO_FOLDER && parts[1] === openid && !parts.includes('..') && parts[2].length > 0
}
