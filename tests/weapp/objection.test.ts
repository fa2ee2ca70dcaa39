/**
 * @jest-environment jsdom
 */
/**
 * 申诉 (pages/objection/index) in the built mini-program: the page lives in the main package, which carries
 * no zod, so the reason is checked by the server with the contract's schema and its message comes back
 * under the field. Same simulator and real router as tests/weapp/simulate.test.ts.
 */
import { DEMO, makeTestApp, type TestApp } from '../support/app-harness'
import { requireBuildOutput } from '../support/build-output'
import { installWeappSimulator, waitFor, type SimPage, type WeappSimulator } from '../support/weapp-simulator'

jest.setTimeout(60_000)

let backend: TestApp
let sim: WeappSimulator
let page: SimPage | undefined

beforeAll(async () => {
  const distDir = requireBuildOutput('weapp', ['app.js', 'app.json', 'pages/objection/index.js'])
  backend = await makeTestApp()
  sim = installWeappSimulator(distDir, async ({ name, data }) => {
    if (name !== 'api') throw new Error(`cloud function ${name} does not exist`)
    return { result: JSON.parse(JSON.stringify(await backend.callRaw(DEMO.villager, data))), errMsg: 'cloud.callFunction:ok' }
  })
})

afterAll(() => {
  page?.unload()
  return backend?.close()
})

function type(p: SimPage, value: string) {
  const [textarea] = p.findAll('.objection-reason')
  if (!textarea) throw new Error('no .objection-reason on the page')
  textarea.dispatchEvent('input', { detail: { value } })
}

test('a reason that is too short is refused by the server and explained under the field; a good one is filed', async () => {
  const board = await backend.call(DEMO.villager, 'board.get', { villageId: 'tiegou' })
  if (!board.ok || !board.data) throw new Error(JSON.stringify(board))
  const criticism = (board.data as { entries: Array<{ kind: string; noticeId: string }> }).entries.find((e) => e.kind === 'criticism')!

  page = sim.openPage('pages/objection/index', { noticeId: criticism.noticeId })
  const p = page
  await waitFor('the form', () => p.findAll('.objection-submit').length === 1)

  type(p, '不对')
  p.tap('.objection-submit')
  await waitFor('the field message', () => p.findAll('.field-error--reason').length === 1)
  expect(p.text()).toContain('申诉理由至少5个字')
  // Explained under the field, so no second summary line.
  expect(p.findAll('.submit-error')).toHaveLength(0)
  const open = await backend.call(DEMO.secretary, 'objection.listOpen', { villageId: 'tiegou' })
  expect(open.ok && (open.data as { items: unknown[] }).items).toHaveLength(0)

  type(p, '这是我家自己的晾晒场，没有占用村道。')
  p.tap('.objection-submit')
  await waitFor('the success toast', () => sim.wxCalls.some((c) => c.api === 'showToast' && (c.arg as { title?: string }).title === '申诉已提交'))
  await waitFor('the field message to go', () => p.findAll('.field-error--reason').length === 0)
  const filed = await backend.call(DEMO.secretary, 'objection.listOpen', { villageId: 'tiegou' })
  expect(filed.ok && (filed.data as { items: Array<{ noticeId: string }> }).items.map((o) => o.noticeId)).toEqual([criticism.noticeId])
})
