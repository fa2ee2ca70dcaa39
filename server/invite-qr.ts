import QRCode from 'qrcode'
import { REDEEM_PAGE } from '../backend/invite-qr'

/** Locally: a QR of the local redeem address with the code filled in, as a PNG data URL. */
export function localInviteQr(baseUrl: string): (code: string) => Promise<string> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
  return (code) => QRCode.toDataURL(`${base}#/${REDEEM_PAGE}?code=${encodeURIComponent(code)}`, { errorCorrectionLevel: 'M', margin: 2, width: 320 })
}
