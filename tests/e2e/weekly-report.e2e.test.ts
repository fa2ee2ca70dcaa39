/**
 * End to end in a real headless Chromium against the H5 build served by the real local server:
 * the 支部过硬星 专班 (demo-taskforce-1) opens its weekly report from 我的, goes back to last week and
 * sees the figures the seeded ledgers make (worked out here from ledger.list, not hard-coded), comes
 * back to this week, writes 存在问题 and 下周安排 and closes it; a record made afterwards does not
 * change the closed week. Then a leader sees 我的联系村 first on 联系村.
 *
 * Needs `dist/h5` (`npm run build:h5`) and /usr/bin/chromium.
 */
import type { Page } from 'playwright-core'
import { useH5Session } from '../support/h5-session'

jest.setTimeout(120_000)

const TASKFORCE = 'demo-taskforce-1'
const SEEDED = ['tiegou', 'fangbei', 'fangdong']
// 2026-W47 in China: Monday 16 November 00:00 to Monday 23 November 00:00 (UTC+8).
const W47 = { from: '2026-11-15T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z' }

const session = useH5Session()
let page: Page
const api = (openid: string, action: string, data: unknown) => session.api(openid, action, data)

beforeAll(() => {
  page = session.page
})

/** Every 支部过硬星 entry of a village, page by page, as the task force reads them. */
async function entriesOf(villageId: string): Promise<any[]> {
  const all: any[] = []
  let cursor: string | undefined
  do {
    const page = await api(TASKFORCE, 'ledger.list', { villageId, star: 1, limit: 50, ...(cursor ? { cursor } : {}) })
    expect(page.body.ok).toBe(true)
    all.push(...page.body.data.items)
    cursor = page.body.data.nextCursor ?? undefined
  } while (cursor)
  return all
}

const inW47 = (at: string | null) => !!at && at >= W47.from && at < W47.to

test('last week of the 支部过硬星 专班 shows the seeded records’ figures, per village and in total', async () => {
  const expected: Record<string, { submitted: number; verified: number }> = {}
  for (const villageId of SEEDED) {
    const entries = await entriesOf(villageId)
    expected[villageId] = {
      submitted: entries.filter((e) => inW47(e.createdAt)).length,
      verified: entries.filter((e) => e.status === 'verified' && inW47(e.reviewedAt)).length,
    }
  }
  const total = Object.values(expected).reduce((n, e) => n + e.submitted, 0)
  expect(total).toBeGreaterThan(0)

  await session.signInAs(TASKFORCE, '周立新')
  await page.click('.me-link--weekly')
  await page.locator('.wk-summary').waitFor()
  await page.click('.wk-prev')
  await page.locator('.wk-week', { hasText: '2026-W47' }).waitFor()
  expect(await page.locator('.wk-fig--submitted .wk-fig__n').innerText()).toBe(String(total))
  for (const villageId of SEEDED) {
    const text = await page.locator(`.wk-village-${villageId} .wk-row__current`).innerText()
    const { submitted, verified } = expected[villageId]
    if (submitted > 0) expect(text).toContain(`台账提交 ${submitted}`)
    else expect(text).not.toContain('台账提交')
    if (verified > 0) expect(text).toContain(`台账核实 ${verified}`)
    else expect(text).not.toContain('台账核实')
  }
})

test('the 专班 closes this week with 问题 and 下周安排; a later record leaves the closed week as it was', async () => {
  await page.click('.wk-next')
  await page.locator('.wk-week', { hasText: '2026-W48' }).waitFor()
  await page.fill('.wk-issues-input textarea', '方北村三会一课记录不规范')
  await page.fill('.wk-next-input textarea', '下周二前督导方北村补齐三会一课记录')
  await page.click('.wk-close')
  await page.locator('.wk-issues', { hasText: '方北村三会一课记录不规范' }).waitFor()
  const closed = (await api(TASKFORCE, 'report.weekly', { star: 1, week: '2026-W48' })).body.data
  expect(closed).toMatchObject({ status: 'closed', nextSteps: '下周二前督导方北村补齐三会一课记录', closedByName: '周立新' })

  const created = await api('demo-cadre-tiegou', 'ledger.create', {
    villageId: 'tiegou', star: 1, activityType: '三会一课', date: '2026-11-27', participants: { count: 30, names: [] },
    summary: '召开支部党员大会，传达学习上级会议精神。', photos: [],
  })
  expect(created.body.ok).toBe(true)
  expect((await api(TASKFORCE, 'report.weekly', { star: 1, week: '2026-W48' })).body.data).toEqual(closed)
})

test('a leader sees 我的联系村 first on 联系村, with 方北村’s 第一书记', async () => {
  await session.signInAs('demo-leader', '陈卫东')
  await page.click('.me-link--contacts')
  await page.locator('.ct-item').first().waitFor()
  expect(await page.locator('.ct-item').first().getAttribute('class')).toContain('ct-item--mine')
  expect(await page.locator('.ct-village-fangbei .ct-first').innerText()).toContain('王钰柯（禹州市财政局）')
})

test('the cadre marks the contact leader at a 主题党日; the leader’s 督导看板 counts it in the quarter', async () => {
  const before = (await api('demo-leader', 'contact.attendance', { year: 2026 })).body.data.items.find((l: any) => l.leaderName === '陈卫东').quarters[3]
  await session.signInAs('demo-cadre-tiegou', '张建国')
  await page.click('.me-link--ledger')
  await page.click('.records-new')
  await page.locator('.activity-type[data-type="主题党日"]').click()
  await page.click('.entry-leader')
  await page.locator('.entry-leader', { hasText: '✓' }).waitFor()
  await page.fill('.entry-count input', '28')
  await page.fill('.entry-summary textarea', '组织党员重温入党誓词，联系领导讲党课。')
  await page.click('.entry-submit')
  await page.locator('.compliance-item').first().waitFor()
  const list = await api('demo-cadre-tiegou', 'ledger.list', { villageId: 'tiegou', limit: 5 })
  expect(list.body.data.items.find((e: any) => e.summary.startsWith('组织党员重温入党誓词，联系领导'))).toMatchObject({ activityType: '主题党日', attendedLeaderName: '陈卫东' })

  await session.signInAs('demo-leader', '陈卫东')
  await page.click('.me-link--dashboard')
  await page.locator('.rt-attendance__row--mine').waitFor()
  expect(await page.locator('.rt-attendance__row--mine .rt-attendance__q').innerText()).toBe(`0 / 0 / 0 / ${before + 1}`)
  // 我的联系村 only: the seed's leader answers for every village.
  await page.click('.rt-tab--mine')
  await page.locator('.rt-village-tiegou').waitFor()
})
