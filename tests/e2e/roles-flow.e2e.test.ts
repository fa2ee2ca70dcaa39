/**
 * End to end, in headless Chromium against the H5 build served by the real local server: the
 * township admin makes a cadre invitation for 方北村, 新用户 redeems it under their real name and
 * drafts a notice for 方北村, is refused for 帖沟村, the admin revokes the grant with a reason, and
 * 新用户's next draft is refused.
 *
 * Needs `dist/h5` (`npm run build:h5`; `npm test` builds it first) and /usr/bin/chromium.
 */
import type { Page } from 'playwright-core'
import { useH5Session } from '../support/h5-session'
import { DEFAULT_NOW, makeDraft } from '../support/app-harness'
import { addDays, chinaDay } from '../../core/time'

jest.setTimeout(120_000)

const ADMIN = 'demo-admin'
const NEWCOMER = 'demo-newcomer'
const REAL_NAME = '刘新民'

const session = useH5Session()
let page: Page
let code: string

const open = (route: string) => session.open(route)

/** Signs in through 演示登录 on 我的. */
const signInAs = (openid: string) => session.signInAs(openid)

/** A draft sent as `openid` from this browser, as the page's own client would send it. */
function draftAs(openid: string, villageId: string) {
  const draft = makeDraft({ villageId, publishDate: addDays(chinaDay(new Date(DEFAULT_NOW)), 1), subject: { name: '王秀英', householdNo: '1组2号' } })
  return session.api(openid, 'notice.draft', draft)
}

beforeAll(() => {
  page = session.page
})

test('the admin makes a cadre invitation for 方北村 and sees its code and QR once', async () => {
  await signInAs(ADMIN)
  await page.click('.me-link--invitations')
  await page.click('.invite-role--cadre')
  await page.click('.invite-village--fangbei')
  await page.waitForSelector('.invite-village--fangbei.chip--active')
  await page.click('.invite-submit')
  const shown = await page.locator('.invite-result .invite-code').innerText()
  code = shown.trim()
  expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/)
  expect(await page.locator('.invite-result').innerText()).toContain('村干部（方北村）')
  // The local QR: a PNG data URL of this server's redeem page.
  expect(await page.locator('.invite-qr img, img.invite-qr, .invite-qr').first().getAttribute('src')).toMatch(/^data:image\/png;base64,/)
  await page.locator('.invite-row--open', { hasText: '方北村' }).first().waitFor()
})

test('新用户 redeems it under their real name and can draft for 方北村, not for 帖沟村', async () => {
  await signInAs(NEWCOMER)
  // No role yet: nothing but the way in.
  expect(await page.locator('.me-link--draft').count()).toBe(0)
  await page.click('.me-link--redeem')
  await page.fill('.redeem-code input', code.toLowerCase())
  await page.fill('.redeem-name input', REAL_NAME)
  await page.click('.redeem-submit')
  await page.locator('.redeem-done', { hasText: REAL_NAME }).waitFor()
  expect(await page.locator('.redeem-done').innerText()).toContain('村干部')

  // 我的 now shows their name, their id and the cadre entries.
  await open('/pages/me/index')
  await page.locator('.me-who__name', { hasText: REAL_NAME }).waitFor()
  expect(await page.locator('.my-id__value').innerText()).toBe(NEWCOMER)
  await page.click('.me-link--draft')
  await page.waitForSelector('.draft-form')
  expect(await page.locator('.cadre-village').innerText()).toContain('方北村')

  expect((await draftAs(NEWCOMER, 'fangbei')).body).toMatchObject({ ok: true, data: { villageId: 'fangbei', draftedByName: REAL_NAME } })
  expect((await draftAs(NEWCOMER, 'tiegou')).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

  // The same code cannot be used twice.
  const again = await session.api('demo-villager-tiegou', 'invite.redeem', { code, name: '王五' })
  expect(again.body.error.message).toContain('已被使用')
})

test('the admin revokes the grant with a reason; 新用户’s next draft is refused', async () => {
  await signInAs(ADMIN)
  await page.click('.me-link--people')
  const person = page.locator(`.person-row[data-name="${REAL_NAME}"]`)
  await person.waitFor()
  // Admins see the person's id.
  expect(await person.locator('.person-id').innerText()).toContain(NEWCOMER)
  await person.locator('.grant-line--cadre .grant-revoke').click()
  await person.locator('.grant-revoke-reason input').fill('已调离方北村')
  await person.locator('.grant-revoke-confirm').click()
  await person.locator('.grant-line--cadre').waitFor({ state: 'detached' })

  expect((await draftAs(NEWCOMER, 'fangbei')).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  // And the page no longer offers drafting.
  await signInAs(NEWCOMER)
  expect(await page.locator('.me-link--draft').count()).toBe(0)
})
