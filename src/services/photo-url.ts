/**
 * The address an <Image> can show: cloud ids display directly, local uploads are served under /files/.
 * Apart from services/photos.ts so that pages showing photos do not carry the uploader and its schema.
 */
export function photoUrl(fileId: string): string {
  return fileId.startsWith('local://') ? `/files/${fileId.slice('local://'.length)}` : fileId
}
