import { DEMO, makeTestApp, type TestApp } from '../../support/app-harness'
import { ok } from '../../support/factories'
import { FANGGANG_VILLAGES } from '../../../backend/seed/fanggang-data'
import { describeAuthorization, EVERYONE, SIGNED_IN } from './authorization'

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
})
afterEach(() => app.close())

describe('village.list', () => {
  describeAuthorization('village.list', async () => ({}), EVERYONE)

  it('lists the 24 villages of 方岗镇 in their order', async () => {
    const page = await ok(app.call(null, 'village.list', {}))
    expect(page.items.map((v: { name: string }) => v.name)).toEqual(FANGGANG_VILLAGES.map((v) => v.name))
  })

  it('numbers them 0 to 23', async () => {
    const page = await ok(app.call(null, 'village.list', {}))
    expect(page.items.map((v: { order: number }) => v.order)).toEqual(Array.from({ length: 24 }, (_, i) => i))
  })

  it('includes the villages the article names', async () => {
    const page = await ok(app.call(null, 'village.list', {}))
    expect(page.items.map((v: { name: string }) => v.name)).toEqual(expect.arrayContaining(['西薛庄村', '帖沟村', '刘岗村', '石灰赵村', '方北村', '方东村', '段村']))
  })

  it('pages through all 24 with the cursor', async () => {
    const names: string[] = []
    let cursor: string | undefined
    do {
      const page = await ok(app.call(null, 'village.list', { limit: 10, ...(cursor ? { cursor } : {}) }))
      names.push(...page.items.map((v: { name: string }) => v.name))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(names).toEqual(FANGGANG_VILLAGES.map((v) => v.name))
  })
})

describe('me.get', () => {
  describeAuthorization('me.get', async () => ({}), EVERYONE)

  it('describes an anonymous visitor as not signed in', async () => {
    expect(await ok(app.call(null, 'me.get', {}))).toEqual({ signedIn: false, personId: null, name: null, townshipId: 'fanggang', villageId: null, grants: [], deploymentAdmin: false })
  })

  it('describes the cadre with their grants and the village they belong to', async () => {
    const me = await ok(app.call(DEMO.cadre, 'me.get', {}))
    expect(me).toMatchObject({ signedIn: true, personId: DEMO.cadre, villageId: 'tiegou' })
    expect(me.grants).toEqual(expect.arrayContaining([{ role: 'cadre', villageId: 'tiegou' }, { role: 'villager', villageId: 'tiegou' }]))
  })
})

describe('me.bindVillage', () => {
  describeAuthorization('me.bindVillage', async () => ({ villageId: 'tiegou' }), SIGNED_IN)

  it('makes a first-time caller a villager of the chosen village', async () => {
    const me = await ok(app.call('first-time-visitor', 'me.bindVillage', { villageId: 'fangdong' }))
    expect(me).toMatchObject({ signedIn: true, villageId: 'fangdong', grants: [{ role: 'villager', villageId: 'fangdong' }] })
  })

  it('moves a villager to another village', async () => {
    await ok(app.call(DEMO.villager, 'me.bindVillage', { villageId: 'fangdong' }))
    expect((await ok(app.call(DEMO.villager, 'me.get', {}))).villageId).toBe('fangdong')
  })

  it('refuses a village that does not exist, storing nothing', async () => {
    const before = app.store.dump()
    const response = await app.call('first-time-visitor', 'me.bindVillage', { villageId: 'nowhere' })
    expect(response.ok === false && response.error.code).toBe('NOT_FOUND')
    expect(app.store.dump()).toEqual(before)
  })
})
