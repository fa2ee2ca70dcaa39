import { wechatInviteQr, REDEEM_PAGE } from '../../backend/invite-qr'
import { parseAdminOpenids } from '../../backend/cloud-deps'
import { localInviteQr } from '../../server/invite-qr'

describe('invitation QR codes', () => {
  it('in WeChat, asks for an unlimited mini-program code with scene = the code and page = the redeem page', async () => {
    const calls: unknown[] = []
    const draw = wechatInviteQr({
      getUnlimited: async (options) => {
        calls.push(options)
        return { buffer: Buffer.from('png-bytes'), contentType: 'image/png' }
      },
    })
    expect(await draw('K7M2QX9P')).toBe(`data:image/png;base64,${Buffer.from('png-bytes').toString('base64')}`)
    expect(calls).toEqual([expect.objectContaining({ scene: 'K7M2QX9P', page: REDEEM_PAGE })])
    expect(REDEEM_PAGE).toBe('join/redeem/index')
  })

  it('in WeChat, fails loudly when WeChat answers no image', async () => {
    const draw = wechatInviteQr({ getUnlimited: async () => ({ errCode: 41030, errMsg: 'invalid page' }) })
    await expect(draw('K7M2QX9P')).rejects.toThrow('41030')
  })

  it('locally, draws a PNG QR of the local redeem address', async () => {
    expect(await localInviteQr('http://127.0.0.1:8787')('K7M2QX9P')).toMatch(/^data:image\/png;base64,/)
  })
})

describe('ADMIN_OPENIDS', () => {
  it('reads OPENIDs separated by commas, spaces or new lines', () => {
    expect(parseAdminOpenids(' oA1, oB2，oC3\noD4 ')).toEqual(['oA1', 'oB2', 'oC3', 'oD4'])
    expect(parseAdminOpenids('')).toEqual([])
  })
})
