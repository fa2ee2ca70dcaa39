import { DEMO, makeTestApp, type TestApp } from '../../support/app-harness'
import { makeDraft } from '../../support/app-harness'
import { insertPerson, makePerson, ok } from '../../support/factories'
import { countingStore } from '../../../bench/counting-store'
import { handleApiCall } from '../../../backend/router'
import { INVITE_ALPHABET } from '../../../types/invite'
import type { AuditEntry } from '../../../backend/audit'
import type { ApiResponse } from '../../../types/errors'

let app: TestApp
beforeEach(async () => {
  app = await makeTestApp()
})
afterEach(() => app.close())

const fail = async (response: Promise<ApiResponse<unknown>>) => {
  const r = await response
  if (r.ok) throw new Error('expected a refusal')
  return r.error
}
const audit = (entityId: string) => app.store.find<AuditEntry>('audit', { where: { entityId }, orderBy: [['at', 'asc']], limit: 100 })
const cadreCode = (by: string = DEMO.admin, extra: object = {}) => ok(app.call(by, 'invite.create', { role: 'cadre', villageId: 'fangbei', ...extra }))

describe('invite.create', () => {
  it('answers an 8-character code without look-alikes, and stores only its hash', async () => {
    const created = await cadreCode()
    expect(created.code).toMatch(new RegExp(`^[${INVITE_ALPHABET}]{8}$`))
    expect(created.code).not.toMatch(/[0O1IL]/)
    expect(created.status).toBe('open')
    const stored = await app.store.get<{ _id: string }>('invites', created.id)
    expect(JSON.stringify(stored)).not.toContain(created.code)
    expect(JSON.stringify(await audit(created.id))).not.toContain(created.code)
    expect((await audit(created.id)).map((e) => e.action)).toEqual(['invite.create'])
  })

  it('is valid for 7 China days by default, 30 at most', async () => {
    // 2026-11-27 10:00 China time.
    expect((await cadreCode()).validThrough).toBe('2026-12-04')
    expect((await cadreCode(DEMO.admin, { days: 30 })).validThrough).toBe('2026-12-27')
    expect((await fail(app.call(DEMO.admin, 'invite.create', { role: 'cadre', villageId: 'fangbei', days: 31 }))).code).toBe('INVALID_INPUT')
  })

  it('with the same request id, answers the same invitation and code', async () => {
    const first = await cadreCode(DEMO.admin, { requestId: 'req-invite-0001' })
    const again = await cadreCode(DEMO.admin, { requestId: 'req-invite-0001' })
    expect(again.id).toBe(first.id)
    expect(again.code).toBe(first.code)
    expect(await app.store.count('invites', { townshipId: 'fanggang' })).toBe(1)
  })

  it('lets a leader invite cadres, secretaries and task-force members, not leaders or admins', async () => {
    await ok(app.call(DEMO.leader, 'invite.create', { role: 'secretary', villageId: 'fangbei' }))
    await ok(app.call(DEMO.leader, 'invite.create', { role: 'taskforce', star: 2 }))
    expect(await fail(app.call(DEMO.leader, 'invite.create', { role: 'admin' }))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('镇领导只能') })
    expect((await fail(app.call(DEMO.leader, 'invite.create', { role: 'leader' }))).code).toBe('FORBIDDEN')
  })

  it('lets a secretary invite cadres of their own village only', async () => {
    await ok(app.call(DEMO.secretary, 'invite.create', { role: 'cadre', villageId: 'tiegou' }))
    expect((await fail(app.call(DEMO.secretary, 'invite.create', { role: 'secretary', villageId: 'tiegou' }))).message).toContain('只能管理本村的村干部')
    expect((await fail(app.call(DEMO.secretary, 'invite.create', { role: 'cadre', villageId: 'fangbei' }))).code).toBe('FORBIDDEN')
  })

  it('refuses a village role without a village, and a star without the task force', async () => {
    expect((await fail(app.call(DEMO.admin, 'invite.create', { role: 'cadre' }))).code).toBe('INVALID_INPUT')
    expect((await fail(app.call(DEMO.admin, 'invite.create', { role: 'leader', star: 2 }))).code).toBe('INVALID_INPUT')
  })
})

describe('invite.redeem', () => {
  it('gives the newcomer the role under their real name; they can draft for that village only', async () => {
    const { code, id } = await cadreCode()
    const me = await ok(app.call('demo-newcomer', 'invite.redeem', { code: code.toLowerCase(), name: ' 刘新民 ' }))
    expect(me).toMatchObject({ name: '刘新民', townshipId: 'fanggang', grants: expect.arrayContaining([{ role: 'cadre', villageId: 'fangbei' }]) })
    await ok(app.call('demo-newcomer', 'notice.draft', makeDraft({ villageId: 'fangbei' })))
    expect((await fail(app.call('demo-newcomer', 'notice.draft', makeDraft({ villageId: 'tiegou' })))).code).toBe('FORBIDDEN')
    expect((await audit(id)).map((e) => e.action)).toEqual(['invite.create', 'invite.redeem'])
  })

  it('keeps an existing person record without the new fields working (today\'s shape)', async () => {
    await app.store.insert('people', { ...makePerson({ _id: 'old-villager', villageId: 'fangbei' }) })
    const { code } = await cadreCode()
    const me = await ok(app.call('old-villager', 'invite.redeem', { code, name: '老村民' }))
    expect(me.grants).toEqual(expect.arrayContaining([{ role: 'cadre', villageId: 'fangbei' }, { role: 'villager', villageId: 'fangbei' }]))
  })

  it('refuses a used, a cancelled and an unknown code with clear messages', async () => {
    const used = await cadreCode()
    await ok(app.call('demo-newcomer', 'invite.redeem', { code: used.code, name: '刘新民' }))
    expect((await fail(app.call('someone-else', 'invite.redeem', { code: used.code, name: '王五' }))).message).toContain('已被使用')
    const cancelled = await cadreCode()
    await ok(app.call(DEMO.admin, 'invite.cancel', { inviteId: cancelled.id }))
    expect((await fail(app.call('someone-else', 'invite.redeem', { code: cancelled.code, name: '王五' }))).message).toContain('已被邀请人取消')
    const unknown = await fail(app.call('someone-else', 'invite.redeem', { code: 'ABCDEFGH', name: '王五' }))
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('邀请码不存在') })
    expect((await fail(app.call('someone-else', 'invite.redeem', { code: 'ABCD0EF1', name: '王五' }))).code).toBe('INVALID_INPUT')
    expect((await audit(cancelled.id)).map((e) => e.action)).toEqual(['invite.create', 'invite.cancel'])
  })

  it('expires at 00:00 China time after its last valid day, whatever the host zone', async () => {
    // Made at 23:30 China time on 11-27 (15:30Z) for 1 day: valid through 11-28 China time.
    app.setNow('2026-11-27T15:30:00.000Z')
    const { code } = await cadreCode(DEMO.admin, { days: 1 })
    const other = await cadreCode(DEMO.admin, { days: 1 })
    app.setNow('2026-11-28T15:59:59.000Z') // 23:59:59 on 11-28 in China
    await ok(app.call('late-1', 'invite.redeem', { code, name: '赶得上' }))
    app.setNow('2026-11-28T16:00:00.000Z') // 00:00 on 11-29 in China
    expect((await fail(app.call('late-2', 'invite.redeem', { code: other.code, name: '赶不上' }))).message).toContain('已过期')
    const list = await ok(app.call(DEMO.admin, 'invite.list', {}))
    expect(list.items.find((i: { id: string }) => i.id === other.id).status).toBe('expired')
  })

  it('refuses a person for an hour after 10 wrong codes within an hour', async () => {
    const { code } = await cadreCode()
    for (let i = 0; i < 9; i++) {
      expect((await fail(app.call('guesser', 'invite.redeem', { code: 'ABCDEFGH', name: '猜码人' }))).code).toBe('NOT_FOUND')
    }
    expect((await fail(app.call('guesser', 'invite.redeem', { code: 'ABCDEFGH', name: '猜码人' }))).message).toContain('1 小时后再试')
    // Locked: even the right code is refused now.
    expect((await fail(app.call('guesser', 'invite.redeem', { code, name: '猜码人' }))).message).toContain('1 小时后再试')
    // Others are not affected.
    await ok(app.call('someone-else', 'invite.redeem', { code, name: '王五' }))
    app.setNow('2026-11-27T03:00:01.000Z')
    expect((await fail(app.call('guesser', 'invite.redeem', { code: 'ABCDEFGH', name: '猜码人' }))).code).toBe('NOT_FOUND')
  })

  it('forgets wrong codes older than an hour', async () => {
    for (let i = 0; i < 9; i++) await fail(app.call('guesser', 'invite.redeem', { code: 'ABCDEFGH', name: '猜码人' }))
    app.setNow('2026-11-27T03:00:01.000Z')
    expect((await fail(app.call('guesser', 'invite.redeem', { code: 'ABCDEFGH', name: '猜码人' }))).code).toBe('NOT_FOUND')
  })
})

describe('invite.cancel and invite.list', () => {
  it('refuses to cancel a used code', async () => {
    const created = await cadreCode()
    await ok(app.call('demo-newcomer', 'invite.redeem', { code: created.code, name: '刘新民' }))
    expect((await fail(app.call(DEMO.admin, 'invite.cancel', { inviteId: created.id }))).code).toBe('CONFLICT')
  })

  it('lists the township\'s invitations newest first, without codes', async () => {
    const a = await cadreCode()
    app.setNow('2026-11-27T02:01:00.000Z')
    const b = await cadreCode()
    const list = await ok(app.call(DEMO.leader, 'invite.list', {}))
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([b.id, a.id])
    expect(JSON.stringify(list)).not.toContain(a.code)
  })
})

describe('role.list and role.revoke', () => {
  async function newcomerCadre() {
    const { code } = await cadreCode()
    await ok(app.call('demo-newcomer', 'invite.redeem', { code, name: '刘新民' }))
    const list = await ok(app.call(DEMO.admin, 'role.list', { villageId: 'fangbei' }))
    return list.items.find((h: { name: string }) => h.name === '刘新民')
  }

  it('shows OPENIDs to admins only', async () => {
    const holder = await newcomerCadre()
    expect(holder.personId).toBe('demo-newcomer')
    const leaderView = await ok(app.call(DEMO.leader, 'role.list', {}))
    expect(leaderView.items.length).toBeGreaterThan(3)
    expect(leaderView.items.every((h: { personId: string | null }) => h.personId === null || h.personId === DEMO.leader)).toBe(true)
  })

  it('pages through every holder once, reading the role directory rather than the township\'s villagers', async () => {
    for (let i = 0; i < 600; i++) await insertPerson(app, { _id: `villager-${String(i).padStart(3, '0')}`, name: '村民', villageId: 'tiegou' })
    for (let i = 0; i < 45; i++) {
      await insertPerson(app, { _id: `cadre-${String(i).padStart(2, '0')}`, name: `干部${i}`, villageId: 'fangbei', grants: [{ role: 'cadre', villageId: 'fangbei' }] })
    }
    const counting = countingStore(app.store)
    const deps = { ...app.deps, store: counting }
    const seen: string[] = []
    const readsPerPage: number[] = []
    let cursor: string | undefined
    do {
      counting.reset()
      const page = await ok<any>(handleApiCall({ action: 'role.list', data: { limit: 20, ...(cursor ? { cursor } : {}) } }, DEMO.leader, deps))
      readsPerPage.push(counting.counts().reads)
      seen.push(...page.items.map((h: { ref: string }) => h.ref))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    const holders = (app.store.dump().people as unknown as Array<{ townshipId: string; grants: Array<{ role: string }> }>)
      .filter((p) => p.townshipId === 'fanggang' && p.grants.some((g) => g.role !== 'villager'))
    expect(seen).toHaveLength(holders.length)
    expect(seen.length).toBeGreaterThanOrEqual(45 + 5)
    // The caller, the directory batch, the people it names: never the 600 villagers.
    expect(Math.max(...readsPerPage)).toBeLessThanOrEqual(4)
    // A secretary's village list: its cadres only, in one page.
    const fangbei = await ok(app.call(DEMO.admin, 'role.list', { villageId: 'fangbei', limit: 50 }))
    expect(fangbei.items.filter((h: { name: string }) => h.name.startsWith('干部'))).toHaveLength(45)
  })

  it('shows a secretary their village\'s cadres only', async () => {
    const list = await ok(app.call(DEMO.secretary, 'role.list', { villageId: 'tiegou' }))
    expect(list.items.flatMap((h: { grants: Array<{ role: string }> }) => h.grants.map((g) => g.role)).every((r: string) => r === 'cadre')).toBe(true)
    expect(list.items.map((h: { name: string }) => h.name).sort()).toEqual(['张建国', '王志刚'].sort())
  })

  it('revokes a grant with a reason, effective on the very next call, audited', async () => {
    const holder = await newcomerCadre()
    await ok(app.call('demo-newcomer', 'notice.draft', makeDraft({ villageId: 'fangbei' })))
    await ok(app.call(DEMO.admin, 'role.revoke', { ref: holder.ref, grant: { role: 'cadre', villageId: 'fangbei' }, reason: '已调离本村' }))
    expect((await fail(app.call('demo-newcomer', 'notice.draft', makeDraft({ villageId: 'fangbei' })))).code).toBe('FORBIDDEN')
    const entries = await audit('demo-newcomer')
    expect(entries.map((e) => e.action)).toEqual(['role.revoke'])
    expect(entries[0].after).toMatchObject({ reason: '已调离本村' })
  })

  it('refuses to revoke the last admin of a township', async () => {
    const list = await ok(app.call(DEMO.admin, 'role.list', {}))
    const admin = list.items.find((h: { personId: string }) => h.personId === DEMO.admin)
    expect(await fail(app.call(DEMO.admin, 'role.revoke', { ref: admin.ref, grant: { role: 'admin' }, reason: '测试撤销' }))).toMatchObject({
      code: 'CONFLICT', message: expect.stringContaining('最后一位管理员'),
    })
  })

  it('two admins revoking each other at once: one wins, the township keeps an admin (checked inside the transaction)', async () => {
    const { code } = await ok(app.call(DEMO.admin, 'invite.create', { role: 'admin' }))
    await ok(app.call('demo-second-admin', 'invite.redeem', { code, name: '周副书记' }))
    const list = await ok(app.call(DEMO.admin, 'role.list', {}))
    const refOf = (openid: string) => list.items.find((h: { personId: string }) => h.personId === openid).ref
    const results = await Promise.all([
      app.call(DEMO.admin, 'role.revoke', { ref: refOf('demo-second-admin'), grant: { role: 'admin' }, reason: '互撤测试' }),
      app.call('demo-second-admin', 'role.revoke', { ref: refOf(DEMO.admin), grant: { role: 'admin' }, reason: '互撤测试' }),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'CONFLICT' } })
    const admins = (await Promise.all([DEMO.admin, 'demo-second-admin'].map((id) => app.store.get<{ _id: string; grants: Array<{ role: string }> }>('people', id))))
      .filter((p) => p?.grants.some((g) => g.role === 'admin'))
    expect(admins).toHaveLength(1)
    // The directory the notifications read moved with the grants.
    const holders = (app.store.dump().roleHolders as unknown as Array<{ openid: string; role: string; active: boolean }>).filter((h) => h.role === 'admin' && h.active)
    expect(holders.map((h) => h.openid)).toEqual([admins[0]!._id])
  })

  it('refuses a forged handle', async () => {
    expect((await fail(app.call(DEMO.admin, 'role.revoke', { ref: 'ZGVtby1hZG1pbg', grant: { role: 'admin' }, reason: '伪造编号' }))).code).toBe('NOT_FOUND')
  })
})

describe('notice.review by a township leader (the four-eyes way out)', () => {
  it('lets a leader approve a criticism the village\'s only secretary drafted', async () => {
    const notice = await ok(app.call(DEMO.secretary, 'notice.draft', makeDraft({ kind: 'criticism', publishDate: '2026-11-28' })))
    expect((await fail(app.call(DEMO.secretary, 'notice.review', { noticeId: notice.id, decision: 'approve' }))).code).toBe('FORBIDDEN')
    const queue = await ok(app.call(DEMO.leader, 'notice.listDrafts', { villageId: 'tiegou', status: 'pending' }))
    expect(queue.items.map((n: { id: string }) => n.id)).toContain(notice.id)
    expect((await ok(app.call(DEMO.leader, 'notice.review', { noticeId: notice.id, decision: 'approve' }))).status).toBe('approved')
  })
})

describe('townships and villages', () => {
  it('lets a deployment admin create a township and invite its first admin', async () => {
    const township = await ok(app.call(DEMO.admin, 'township.create', { name: '神垕镇', county: '禹州市' }))
    const { code } = await ok(app.call(DEMO.admin, 'invite.create', { role: 'admin', townshipId: township.id }))
    const me = await ok(app.call('shenhou-admin', 'invite.redeem', { code, name: '郭镇长' }))
    expect(me).toMatchObject({ townshipId: township.id, grants: [{ role: 'admin' }] })
    const added = await ok(app.call('shenhou-admin', 'village.update', { op: 'add', name: '神垕村' }))
    expect(added.townshipId).toBe(township.id)
    expect((await ok(app.call(null, 'village.list', { townshipId: township.id }))).items.map((v: { name: string }) => v.name)).toEqual(['神垕村'])
    expect((await ok(app.call(null, 'township.list', {}))).items.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['方岗镇', '神垕镇']))
    // A township admin is not a deployment admin.
    expect((await fail(app.call('shenhou-admin', 'township.create', { name: '花石镇', county: '禹州市' }))).code).toBe('FORBIDDEN')
  })

  it('renames, reorders and archives villages; archived ones leave the list and keep their history', async () => {
    await ok(app.call(DEMO.admin, 'village.update', { op: 'rename', villageId: 'demo08', name: '张庄村' }))
    await ok(app.call(DEMO.admin, 'village.update', { op: 'move', villageId: 'duancun', direction: 'up' }))
    await ok(app.call(DEMO.admin, 'village.update', { op: 'archive', villageId: 'demo09' }))
    const names = (await ok(app.call(null, 'village.list', {}))).items.map((v: { name: string }) => v.name)
    expect(names.slice(5, 8)).toEqual(['段村', '方东村', '张庄村'])
    expect(names).not.toContain('演示村09')
    expect(names).toHaveLength(23)
    expect(await app.store.get('villages', 'demo09')).toMatchObject({ archived: true, name: '演示村09' })
    const board = await app.call(null, 'board.listDates', { villageId: 'demo09' })
    expect(board.ok).toBe(true)
    expect((await fail(app.call(DEMO.admin, 'me.bindVillage', { villageId: 'demo09' }))).message).toContain('已归档')
  })

  it('pages past archived villages without losing any', async () => {
    for (const id of ['demo10', 'demo11', 'demo12']) await ok(app.call(DEMO.admin, 'village.update', { op: 'archive', villageId: id }))
    const names: string[] = []
    let cursor: string | undefined
    do {
      const page = await ok(app.call(null, 'village.list', { limit: 5, ...(cursor ? { cursor } : {}) }))
      names.push(...page.items.map((v: { name: string }) => v.name))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(names).toHaveLength(21)
  })

  it('refuses village changes by a leader', async () => {
    expect((await fail(app.call(DEMO.leader, 'village.update', { op: 'rename', villageId: 'demo08', name: '张庄村' }))).code).toBe('FORBIDDEN')
  })
})

describe('nobody sees another person\'s OPENID but an admin', () => {
  it('shows a secretary a pseudonym for the cadre who drafted, the cadre their own id', async () => {
    const drafted = await ok(app.call(DEMO.cadre, 'notice.draft', makeDraft()))
    expect(drafted.draftedBy).toBe(DEMO.cadre)
    const seen = (await ok(app.call(DEMO.secretary, 'notice.listDrafts', { villageId: 'tiegou', status: 'pending' }))).items.find((n: { id: string }) => n.id === drafted.id)
    expect(seen.draftedBy).toMatch(/^u_[0-9a-f]{16}$/)
    expect(JSON.stringify(seen)).not.toContain(DEMO.cadre)
    // Stable: the same person has the same pseudonym.
    const again = (await ok(app.call(DEMO.secretary, 'notice.listDrafts', { villageId: 'tiegou', status: 'pending' }))).items.find((n: { id: string }) => n.id === drafted.id)
    expect(again.draftedBy).toBe(seen.draftedBy)
    // Stored as it is, for the audit and the four-eyes rule.
    expect((await app.store.get<{ _id: string; draftedBy: string }>('notices', drafted.id))!.draftedBy).toBe(DEMO.cadre)
  })

  it('keeps the objector\'s OPENID out of what the secretary sees, the objection id included', async () => {
    const criticism = await ok(app.call(DEMO.cadre, 'notice.draft', makeDraft({ kind: 'criticism', publishDate: '2026-11-27' })))
    await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: criticism.id, decision: 'approve' }))
    const objection = await ok(app.call(DEMO.villager, 'objection.create', { noticeId: criticism.id, reason: '已经清理完毕，请核实。' }))
    expect(objection.openid).toBe(DEMO.villager)
    const open = await ok(app.call(DEMO.secretary, 'objection.listOpen', { villageId: 'tiegou' }))
    expect(open.items).toHaveLength(1)
    expect(JSON.stringify(open.items)).not.toContain(DEMO.villager)
    expect(JSON.stringify(open.items)).not.toContain(DEMO.cadre)
  })

  it('counts an objection stored under the old id (<notice>_<openid>) as the person\'s', async () => {
    const criticism = await ok(app.call(DEMO.cadre, 'notice.draft', makeDraft({ kind: 'criticism', publishDate: '2026-11-27' })))
    await ok(app.call(DEMO.secretary, 'notice.review', { noticeId: criticism.id, decision: 'approve' }))
    await app.store.insert('objections', { _id: `${criticism.id}_${DEMO.villager}`, townshipId: 'fanggang', villageId: 'tiegou', noticeId: criticism.id, openid: DEMO.villager, reason: '旧申诉', status: 'dismissed', createdAt: '2026-11-27T01:00:00.000Z', decidedBy: DEMO.secretary, decidedAt: '2026-11-27T01:30:00.000Z', version: 2 })
    expect((await fail(app.call(DEMO.villager, 'objection.create', { noticeId: criticism.id, reason: '再次申诉一下。' }))).code).toBe('CONFLICT')
  })

  it('shows an admin the real ids', async () => {
    const drafted = await ok(app.call(DEMO.cadre, 'notice.draft', makeDraft()))
    await app.store.patch('people', DEMO.admin, { villageId: 'tiegou', grants: [{ role: 'admin' }, { role: 'secretary', villageId: 'tiegou' }] })
    const seen = (await ok(app.call(DEMO.admin, 'notice.listDrafts', { villageId: 'tiegou', status: 'pending' }))).items.find((n: { id: string }) => n.id === drafted.id)
    expect(seen.draftedBy).toBe(DEMO.cadre)
  })
})
