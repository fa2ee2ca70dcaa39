import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildLocalServer } from '../../server/app'
import { DEMO, makeTestApp, type TestApp } from '../support/app-harness'
import { postApi, rawRequest, rawSocket, type RawResponse } from '../support/raw-http'

// The local server under abuse: every bad request gets a JSON refusal `{ ok: false, error }`
// with a fitting status, nothing outside the served folders leaks, and afterwards it still serves.

const SECRET = 'TOP-SECRET-DO-NOT-SERVE'
const SECRET_FILES = ['secret.txt', 'package.json', 'data/five-star.sqlite']

let app: TestApp
let server: FastifyInstance
let port: number
let root: string
let served = 0

function expectJsonError(response: RawResponse, statuses: number[], codes: string[] = ['INVALID_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN']) {
  const where = `HTTP ${response.status}: ${response.text.slice(0, 300)}`
  expect({ where, status: statuses.includes(response.status) }).toEqual({ where, status: true })
  expect(String(response.headers['content-type'])).toMatch(/application\/json/)
  const body = response.json as { ok: boolean; error: { code: string; message: string } }
  expect(body.ok).toBe(false)
  expect(codes).toContain(body.error.code)
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/) // a message a person can read
  expect(body.error.message).not.toMatch(/\n\s+at |node_modules|\/tmp\/|Error:/)
  expect(response.text).not.toContain(SECRET)
  served++
}

async function stillServes() {
  const response = await postApi(port, { action: 'board.get', data: { villageId: 'tiegou' } })
  expect(response.status).toBe(200)
  expect((response.json as { ok: boolean }).ok).toBe(true)
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-hostile-http-'))
  const h5Dir = path.join(root, 'h5')
  const dataDir = path.join(root, 'data')
  fs.mkdirSync(path.join(h5Dir, 'static', 'js'), { recursive: true })
  fs.mkdirSync(dataDir, { recursive: true })
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>五星支部</title><div id="app"></div>')
  fs.writeFileSync(path.join(h5Dir, 'static', 'js', 'app.js'), 'console.log("app")')
  for (const file of SECRET_FILES) fs.writeFileSync(path.join(root, file), SECRET)
  app = await makeTestApp()
  server = await buildLocalServer({ deps: app.deps, dataDir, h5Dir })
  await server.listen({ port: 0, host: '127.0.0.1' })
  port = (server.server.address() as AddressInfo).port
})

afterAll(async () => {
  await server?.close()
  app?.close()
  fs.rmSync(root, { recursive: true, force: true })
  // eslint-disable-next-line no-console
  console.log(`http server: ${served} hostile requests answered with a JSON refusal`)
})

describe('the api endpoint', () => {
  it('answers a normal call', stillServes)

  it.each([
    ['truncated', '{"action":"board.get","data":{'],
    ['not JSON', 'action=board.get'],
    ['single quotes', "{'action':'board.get'}"],
    ['trailing garbage', '{"action":"board.get"}}}'],
    ['NUL byte', '{"action":"board.get\u0000"}'],
    ['lone surrogate escape', '{"action":"\\ud800"}'],
    ['empty body', ''],
    ['prototype key', '{"__proto__":{"isAdmin":true},"action":"me.get"}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"isAdmin":true}},"action":"me.get"}'],
    ['5000-deep', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['JSON null', 'null'],
    ['JSON number', '42'],
  ])('refuses a malformed body (%s)', async (_label, body) => {
    expectJsonError(await postApi(port, body), [400])
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })

  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s', async (method) => {
    expectJsonError(await rawRequest(port, { method, path: '/cloud/api', headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' }), [404, 405])
  })

  it('refuses an oversized body with 413', async () => {
    const body = JSON.stringify({ action: 'notice.draft', data: { text: 'x'.repeat(400 * 1024) } })
    expectJsonError(await postApi(port, body, { authorization: 'x' }), [413])
  })

  it('refuses a body larger than declared with 413 too (chunked, no length)', async () => {
    const response = await rawRequest(port, {
      method: 'POST', path: '/cloud/api', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: JSON.stringify({ action: 'me.get', data: { pad: 'y'.repeat(400 * 1024) } }),
    })
    if (response.status !== -1) expectJsonError(response, [413])
  })

  it.each([
    ['text/plain', '{"action":"me.get"}'],
    ['application/x-www-form-urlencoded', 'action=me.get'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="action"\r\n\r\nme.get\r\n--x--'],
    ['application/xml', '<action>me.get</action>'],
    ['image/png', '{"action":"me.get"}'],
  ])('refuses content type %s', async (type, body) => {
    const response = await rawRequest(port, { method: 'POST', path: '/cloud/api', headers: { 'content-type': type }, body })
    expectJsonError(response, [400, 404, 415])
  })

  it('ignores an identity put in the payload', async () => {
    const me = await postApi(port, { action: 'me.get', data: { openid: DEMO.secretary }, openid: DEMO.secretary, OPENID: DEMO.secretary })
    expect(me.status).toBe(200)
    expect((me.json as { data: { signedIn: boolean } }).data.signedIn).toBe(false)
    const before = app.store.snapshot()
    const forged = await postApi(port, {
      action: 'notice.review',
      data: { noticeId: 't00000001', decision: 'approve', openid: DEMO.secretary },
      userInfo: { openId: DEMO.secretary },
      openid: DEMO.secretary,
    })
    expectJsonError(forged, [401], ['UNAUTHENTICATED'])
    expect(app.store.snapshot() === before).toBe(true)
  })

  it('ignores identity headers other than the demo login', async () => {
    const response = await postApi(port, { action: 'me.get', data: {} }, { 'x-wx-openid': DEMO.secretary, 'x-openid': DEMO.secretary })
    expect((response.json as { data: { signedIn: boolean } }).data.signedIn).toBe(false)
  })

  it.each([
    ['unknown person', 'someone-else'],
    ['two identities', `${DEMO.villager}, ${DEMO.secretary}`],
    ['a payload', '{"openid":"demo-secretary-tiegou"}'],
  ])('refuses an unknown demo identity (%s) with 401', async (_label, header) => {
    expectJsonError(await postApi(port, { action: 'me.get', data: {} }, { 'x-demo-openid': header }), [401], ['UNAUTHENTICATED'])
  })

  it('refuses two demo identity headers', async () => {
    const response = await rawRequest(port, {
      method: 'POST', path: '/cloud/api',
      headers: { 'content-type': 'application/json', 'x-demo-openid': [DEMO.villager, DEMO.secretary] },
      body: JSON.stringify({ action: 'me.get', data: {} }),
    })
    expectJsonError(response, [401], ['UNAUTHENTICATED'])
  })
})

describe('static files and uploaded photos', () => {
  it('serves the H5 page and its assets', async () => {
    expect((await rawRequest(port, { path: '/' })).text).toContain('五星支部')
    expect((await rawRequest(port, { path: '/static/js/app.js' })).status).toBe(200)
  })

  it.each([
    '/../secret.txt',
    '/../package.json',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E%2Fpackage.json',
    '/static/../../secret.txt',
    '/static/..%2f..%2fsecret.txt',
    '/static/%2e%2e/%2e%2e/package.json',
    '/..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '/....//secret.txt',
    '/static/js/app.js%00.html',
    '/data/five-star.sqlite',
    '/../data/five-star.sqlite',
    '/files/../secret.txt',
    '/files/../../package.json',
    '/files/..%2f..%2fpackage.json',
    '/files/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/files/%2e%2e/five-star.sqlite',
    '/files/..%5c..%5csecret.txt',
    '/files/0123456789abcdef0123.jpg',
    '/files/0123456789abcdef0123.jpg%00.txt',
    '/files/0123456789abcdef0123.jpg/../../../secret.txt',
    '/files/.%2e/.%2e/secret.txt',
    '/files/',
  ])('refuses %s', async (requestPath) => {
    const response = await rawRequest(port, { path: requestPath })
    expectJsonError(response, [400, 403, 404])
  })

  it('refuses an upload larger than the limit with 413', async () => {
    const png = Buffer.alloc(6 * 1024 * 1024, 0x89)
    const response = await rawRequest(port, {
      method: 'POST', path: '/local/upload', headers: { 'content-type': 'image/png', 'x-demo-openid': DEMO.cadre }, body: png,
    })
    if (response.status !== -1) expectJsonError(response, [413])
  })

  it('refuses an upload of the wrong type, and one without a login', async () => {
    expectJsonError(
      await rawRequest(port, { method: 'POST', path: '/local/upload', headers: { 'content-type': 'text/html', 'x-demo-openid': DEMO.cadre }, body: '<script>alert(1)</script>' }),
      [400, 415],
    )
    expectJsonError(
      await rawRequest(port, { method: 'POST', path: '/local/upload', headers: { 'content-type': 'image/png', 'x-demo-openid': 'someone-else' }, body: Buffer.from([0x89, 0x50]) }),
      [401],
      ['UNAUTHENTICATED'],
    )
    expectJsonError(
      await rawRequest(port, { method: 'POST', path: '/local/upload', headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50]) }),
      [401],
      ['UNAUTHENTICATED'],
    )
  })

  it('stores a real upload only under its content hash and serves it back', async () => {
    // The PNG signature as bytes (the server judges type by content), then anything.
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really a png')])
    const up = await rawRequest(port, { method: 'POST', path: '/local/upload', headers: { 'content-type': 'image/png', 'x-demo-openid': DEMO.cadre }, body: bytes })
    const fileId = (up.json as { data: { fileId: string } }).data.fileId
    expect(fileId).toMatch(/^local:\/\/[a-f0-9]{32}\.png$/)
    const back = await rawRequest(port, { path: `/files/${fileId.slice('local://'.length)}` })
    expect(back.status).toBe(200)
    expect(back.text).toBe(bytes.toString('utf8'))
  })
})

describe('publishDaily over HTTP', () => {
  it.each([
    ['a future day', { date: '2099-01-01' }],
    ['2026-02-30', { date: '2026-02-30' }],
    ['a date that is not a string', { date: 20261127 }],
  ])('refuses %s', async (_label, body) => {
    const response = await rawRequest(port, {
      method: 'POST', path: '/cloud/publishDaily', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    })
    expectJsonError(response, [400], ['INVALID_INPUT'])
  })
})

describe('broken HTTP', () => {
  it.each([
    ['not HTTP at all', 'GARBAGE\r\n\r\n'],
    ['a header without a colon', 'POST /cloud/api HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n'],
    ['a length that lies', 'POST /cloud/api HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{}'],
    ['both length and chunked', 'POST /cloud/api HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['a 100 kB header', `GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(100 * 1024)}\r\n\r\n`],
  ])('answers %s with 4xx or closes, and keeps serving', async (_label, bytes) => {
    const answer = await rawSocket(port, bytes)
    if (answer) expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/)
    expect(answer).not.toContain(SECRET)
    await stillServes()
  })
})

describe('afterwards', () => {
  it('still answers a normal board.get', stillServes)
})
