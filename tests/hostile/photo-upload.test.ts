import path from 'node:path'
import os from 'node:os'
import { startLocalServer, type RunningLocalServer } from '../support/local-server'
import { acceptsCloudPhoto } from '../../backend/files'
import { imageTypeOf, MAX_PHOTO_BYTES } from '../../server/image-type'
import { DEMO } from '../support/app-harness'
import { makeLedgerInput } from '../support/records-factories'

// Photos are judged by their bytes, never by the Content-Type the sender claims, and capped at 2 MB.

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 2)])
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(200, 3)])
const HTML = Buffer.from('<html><script>alert(1)</script></html>')
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
const GIF = Buffer.from('GIF89a....')

let server: RunningLocalServer
beforeAll(async () => {
  server = await startLocalServer({ h5Dir: path.join(os.tmpdir(), 'no-h5-here'), now: new Date('2026-11-27T02:00:00.000Z') })
}, 60_000)
afterAll(() => server.close())

const upload = async (body: Buffer, contentType: string, openid: string | null = DEMO.cadre) => {
  const res = await fetch(`${server.baseUrl}/local/upload`, {
    method: 'POST', headers: { 'content-type': contentType, ...(openid ? { 'x-demo-openid': openid } : {}) }, body,
  })
  return { status: res.status, body: (await res.json()) as any }
}

describe('imageTypeOf', () => {
  it.each([['JPEG', JPEG, 'jpg'], ['PNG', PNG, 'png'], ['WebP', WEBP, 'webp'], ['HTML', HTML, null], ['SVG', SVG, null], ['GIF', GIF, null], ['empty', Buffer.alloc(0), null]] as const)(
    '%s → %s', (_l, bytes, expected) => expect(imageTypeOf(bytes)).toBe(expected),
  )
})

describe('/local/upload', () => {
  it.each([['JPEG', JPEG, 'image/jpeg', 'jpg'], ['PNG', PNG, 'image/png', 'png'], ['WebP', WEBP, 'image/webp', 'webp'], ['a JPEG sent as octet-stream', JPEG, 'application/octet-stream', 'jpg'], ['a PNG labelled image/jpeg (named by its content)', PNG, 'image/jpeg', 'png']] as const)(
    'stores %s', async (_l, bytes, type, ext) => {
      const r = await upload(bytes, type)
      expect(r.status).toBe(200)
      expect(r.body.data.fileId).toMatch(new RegExp(`^local://[a-f0-9]{32}\\.${ext}$`))
    },
  )

  it.each([
    ['HTML labelled image/png', HTML, 'image/png'],
    ['SVG labelled image/jpeg', SVG, 'image/jpeg'],
    ['a GIF labelled image/webp', GIF, 'image/webp'],
    ['a script as octet-stream', HTML, 'application/octet-stream'],
    ['RIFF that is not WebP (a WAV)', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(50)]), 'image/webp'],
  ])('refuses %s with a clear message', async (_l, bytes, type) => {
    const r = await upload(bytes, type)
    expect(r.status).toBe(415)
    expect(r.body.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('不是 JPG、PNG 或 WEBP 图片') })
  })

  it('refuses a photo over 2 MB, saying so', async () => {
    const big = Buffer.concat([JPEG, Buffer.alloc(MAX_PHOTO_BYTES, 7)])
    const r = await upload(big, 'image/jpeg')
    expect(r.status).toBe(413)
    expect(r.body.error.message).toContain('2 MB')
  })

  it('refuses an anonymous upload', async () => {
    expect((await upload(JPEG, 'image/jpeg', null)).status).toBe(401)
  })

  it('a ledger entry takes the uploaded photo, and serves an export for download', async () => {
    const photo = (await upload(JPEG, 'image/jpeg')).body.data.fileId
    const created = await server.post('/cloud/api', { action: 'ledger.create', data: makeLedgerInput({ photos: [photo] }) }, { 'x-demo-openid': DEMO.cadre })
    expect(created.body.ok).toBe(true)
    const exported = await server.post('/cloud/api', { action: 'export.ledger', data: { villageId: 'tiegou', from: '2026-11', to: '2026-11' } }, { 'x-demo-openid': DEMO.cadre })
    const file = await fetch(server.baseUrl + exported.body.data.url)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toContain('spreadsheetml')
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 2).toString()).toBe('PK')
    expect((await fetch(`${server.baseUrl}/exports/..%2Ffive-star.sqlite`)).status).toBe(404)
  })
})

describe('cloud photo ids (WeChat): this environment, the caller\'s own folder', () => {
  const env = 'prod-5g1a'
  it.each([
    ['its own photo', `cloud://prod-5g1a.7072-prod-5g1a-1300/ledger/oABC123/1700000000.jpg`, true],
    ['another environment', `cloud://test-9x.7072-test/ledger/oABC123/a.jpg`, false],
    ['another person\'s folder', `cloud://prod-5g1a.7072/ledger/oOTHER/a.jpg`, false],
    ['outside the ledger folder', `cloud://prod-5g1a.7072/notices/oABC123/a.jpg`, false],
    ['a nested path', `cloud://prod-5g1a.7072/ledger/oABC123/x/a.jpg`, false],
    ['a traversal', `cloud://prod-5g1a.7072/ledger/oABC123/..`, false],
    ['a local upload', 'local://0123456789abcdef0123456789abcdef.jpg', false],
  ])('%s → %s', (_l, id, expected) => {
    expect(acceptsCloudPhoto(env, 'oABC123', id)).toBe(expected)
  })
})
