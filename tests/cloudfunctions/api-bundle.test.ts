import path from 'node:path'
import fs from 'node:fs'
import { builtinModules } from 'node:module'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { buildCloudFunctions } from '../../scripts/build-cloud'
import { COLLECTION_NAMES } from '../../backend/storage/collections'
import { addDays, chinaDay } from '../../core/time'
import type { ApiResponse } from '../../types/errors'
import { startCloudbaseStandin, type CloudbaseStandin } from '../support/cloudbase-standin'
import { makeCloudTestApp } from '../support/cloud-test-app'
import { DEMO, makeDraft } from '../support/app-harness'
import { makeCriticismDraft } from '../support/factories'
import { makeImportSheet } from '../support/records-factories'

// The very files WeChat DevTools uploads (cloudfunctions/<name>/index.js), run in a child process as
// a given caller, with the real wx-server-sdk pointed at the CloudBase stand-in (not the real cloud).

const ROOT = path.resolve(__dirname, '../..')
const API_BUNDLE = path.join(ROOT, 'cloudfunctions/api/index.js')
const PUBLISH_BUNDLE = path.join(ROOT, 'cloudfunctions/publishDaily/index.js')
/** msgSecCheck on the stand-in flags content with this term, as WeChat flags abuse. */
const RISKY_TERM = '违规测试词'
const RESULT_MARK = '@@result '

const run = promisify(execFile)
let standin: CloudbaseStandin

/** Runs a bundled function's `main(event)` in a fresh Node process as `openid` ('' = no OPENID, as a timer). */
async function invoke(bundle: string, openid: string, event: unknown): Promise<ApiResponse<any>> {
  const script = [
    `require(${JSON.stringify(bundle)}).main(${JSON.stringify(event)})`,
    `.then((r) => { process.stdout.write('\\n${RESULT_MARK}' + JSON.stringify(r) + '\\n'); process.exit(0) },`,
    ` (e) => { console.error(e); process.exit(1) })`,
  ].join('')
  const { stdout } = await run(process.execPath, ['-e', script], {
    cwd: path.dirname(bundle),
    env: { ...process.env, ...standin.sdkEnv({ openid }) },
    timeout: 30_000,
  })
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARK))
  if (!line) throw new Error(`no result from ${bundle}: ${stdout}`)
  return JSON.parse(line.slice(RESULT_MARK.length))
}
const callApi = (openid: string, action: string, data: unknown, extra: Record<string, unknown> = {}) =>
  invoke(API_BUNDLE, openid, { action, data, ...extra })

const storedNotice = (id: string) => standin.exportData().notices.find((n) => n._id === id)
const realTomorrow = () => addDays(chinaDay(new Date()), 1)

beforeAll(async () => {
  // `npm test` has just built the bundles (and says so with FSB_BUILT=1): tested as built, not rebuilt.
  // Run alone (`npx jest tests/cloudfunctions`), the suite builds them from the sources first.
  if (process.env.FSB_BUILT !== '1') await buildCloudFunctions()
  // Concurrent transactions, as on the service: two touching one document conflict.
  standin = await startCloudbaseStandin({ collections: COLLECTION_NAMES, riskyTerms: [RISKY_TERM], transactions: 'concurrent' })
  // Seeded through the cloud adapter with the real SDK; the bundles read the real clock, so seed for today.
  await makeCloudTestApp(standin, { now: new Date().toISOString() })
})
afterAll(() => standin?.close())

describe('the bundled api function', () => {
  it('is index.js, with exceljs in a file beside it, and leaves only wx-server-sdk to be installed', () => {
    const source = fs.readFileSync(API_BUNDLE, 'utf8')
    expect(source).toMatch(/require\("wx-server-sdk"\)/)
    expect(source).not.toMatch(/require\("(zod|dayjs|better-sqlite3|exceljs)"\)/)
    // Loaded at the first sheet only: not compiled at every cold start.
    expect(source).toMatch(/import\("\.\/exceljs\.js"\)/)
    const side = fs.readFileSync(path.join(path.dirname(API_BUNDLE), 'exceljs.js'), 'utf8')
    const required = [...side.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1].replace(/^node:/, ''))
    expect(required.filter((name) => !builtinModules.includes(name))).toEqual([])
  })

  describe('a cadre drafts a criticism and the secretary approves it', () => {
    const draft = makeCriticismDraft()
    let drafted: ApiResponse<any>
    let approved: ApiResponse<any>

    beforeAll(async () => {
      drafted = await callApi(DEMO.cadre, 'notice.draft', { ...draft, publishDate: realTomorrow() })
      if (!drafted.ok) return
      approved = await callApi(DEMO.secretary, 'notice.review', { noticeId: drafted.data.id, decision: 'approve' })
    })

    it('answers the draft with a pending notice by the cadre', () => {
      expect(drafted).toMatchObject({ ok: true, data: { status: 'pending', draftedBy: DEMO.cadre, text: draft.text } })
    })

    it('sent the draft through msgSecCheck with the caller’s openid', () => {
      const checks = standin.openapiCalls().filter((c) => c.apiName === 'security.msgSecCheck')
      expect(checks).toContainEqual({
        apiName: 'security.msgSecCheck',
        params: { openid: DEMO.cadre, scene: 2, version: 2, content: expect.stringContaining(draft.text) },
      })
    })

    it('answers the approval with an approved notice', () => {
      expect(approved).toMatchObject({ ok: true, data: { status: 'approved', reviewedBy: DEMO.secretary } })
    })

    it('stores the approved notice in the cloud database', () => {
      expect(storedNotice(drafted.ok ? drafted.data.id : '')).toMatchObject({ status: 'approved', reviewedBy: DEMO.secretary, version: 2 })
    })
  })

  describe('identity comes from the WeChat context, never the payload', () => {
    let noticeId: string
    beforeAll(async () => {
      const drafted = await callApi(DEMO.cadre, 'notice.draft', { ...makeDraft(), publishDate: realTomorrow() })
      if (!drafted.ok) throw new Error(`draft failed: ${JSON.stringify(drafted.error)}`)
      noticeId = drafted.data.id
    })

    it('refuses a villager who claims to be the secretary in the payload, changing nothing', async () => {
      const before = standin.exportData()
      const response = await callApi(
        DEMO.villager,
        'notice.review',
        { noticeId, decision: 'approve', openid: DEMO.secretary },
        { openid: DEMO.secretary, userInfo: { openId: DEMO.secretary } },
      )
      expect(response).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(standin.exportData()).toEqual(before)
    })

    it('refuses a call without an OPENID that names one in the payload', async () => {
      const response = await callApi('', 'notice.review', { noticeId, decision: 'approve', openid: DEMO.secretary })
      expect(response).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    })

    it('leaves the notice pending', () => {
      expect(storedNotice(noticeId)).toMatchObject({ status: 'pending', version: 1 })
    })
  })

  it('refuses text msgSecCheck flags with CONTENT_REJECTED, storing nothing', async () => {
    const before = standin.exportData()
    const response = await callApi(DEMO.cadre, 'notice.draft', { ...makeCriticismDraft({ text: `门前堆放杂物，${RISKY_TERM}，请整改。` }), publishDate: realTomorrow() })
    expect(response).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    expect(standin.exportData()).toEqual(before)
  })

  it('refuses a draft calling someone 懒汉 by the civic rules, without spending a msgSecCheck call', async () => {
    // The stand-in's msgSecCheck passes 懒汉 (as WeChat's does): only the civic rules can refuse it.
    const before = standin.exportData()
    const checksBefore = standin.openapiCalls().length
    const response = await callApi(DEMO.cadre, 'notice.draft', { ...makeCriticismDraft({ text: '此人是村里有名的懒汉，门前柴草从不清理。' }), publishDate: realTomorrow() })
    expect(response).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', message: expect.stringContaining('懒汉') } })
    expect(standin.openapiCalls()).toHaveLength(checksBefore)
    expect(standin.exportData()).toEqual(before)
  })

  it('reads an .xlsx import (exceljs, which the bundle loads only when a sheet is used)', async () => {
    const fileBase64 = await makeImportSheet([['平安法治星', '每月开展防电诈教育', '张建国', '2099-12']])
    const response = await callApi(DEMO.secretary, 'checklist.import', { villageId: 'tiegou', fileBase64 })
    expect(response).toEqual({ ok: true, data: { created: 1 } })
    expect(standin.exportData().checklist.filter((c) => c.text === '每月开展防电诈教育')).toHaveLength(1)
  })

  it('10 people redeeming one invitation code at once: one holds the role, nine CONFLICT (none INTERNAL); the winner\'s retry answers the grant', async () => {
    const created = await callApi(DEMO.admin, 'invite.create', { role: 'cadre', villageId: 'fangbei' })
    if (!created.ok) throw new Error(`invite.create failed: ${JSON.stringify(created.error)}`)
    const racers = Array.from({ length: 10 }, (_, i) => `bundle-racer-${i}`)
    // An in-region round trip, so the ten processes' transactions overlap on the wire.
    standin.setLatency(10)
    const responses = await Promise.all(racers.map((openid, i) => callApi(openid, 'invite.redeem', { code: created.data.code, name: `抢码人${i}` }))).finally(() => standin.setLatency(0))
    expect(responses.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual([...Array(9).fill('CONFLICT'), 'ok'])
    const winner = racers[responses.findIndex((r) => r.ok)]
    const people = standin.exportData().people.filter((p) => racers.includes(p._id))
    expect(people.map((p) => p._id)).toEqual([winner])
    const again = await callApi(winner, 'invite.redeem', { code: created.data.code, name: '抢码人' })
    expect(again).toEqual(responses.find((r) => r.ok))
  }, 60_000)

  it('answers the public board to a caller without registration', async () => {
    // Yesterday's: today's board only exists after 07:00 China time, and this runs on the real clock.
    const yesterday = addDays(chinaDay(new Date()), -1)
    const response = await callApi('some-new-openid', 'board.get', { villageId: 'tiegou', date: yesterday })
    expect(response).toMatchObject({ ok: true, data: { villageId: 'tiegou', date: yesterday, internal: false } })
  })
})

describe('the bundled publishDaily function', () => {
  it('runs from the timer (no OPENID) and reports the China day', async () => {
    const response = await invoke(PUBLISH_BUNDLE, '', {})
    expect(response).toMatchObject({ ok: true, data: { date: chinaDay(new Date()) } })
  })

  it('refuses a mini-program user calling it by hand', async () => {
    const response = await invoke(PUBLISH_BUNDLE, DEMO.secretary, {})
    expect(response).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
