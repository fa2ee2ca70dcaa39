import { afterWrongCode, checkRedeemable, codeFromBytes, inviteStatus, inviteValidThrough, isLockedOut, mayManageGrant } from '../../core/grant-rules'
import type { Caller } from '../../core/caller'
import type { RoleGrant } from '../../types/roles'
import { INVITE_ALPHABET } from '../../types/invite'
import { makeCaller } from '../support/factories'

const admin = makeCaller([{ role: 'admin' }], null, 'admin')
const leader = makeCaller([{ role: 'leader' }], null, 'leader')
const secretary = makeCaller([{ role: 'secretary', villageId: 'tiegou' }, { role: 'cadre', villageId: 'tiegou' }], 'tiegou', 'secretary')
const cadre = makeCaller([{ role: 'cadre', villageId: 'tiegou' }], 'tiegou', 'cadre')
const deploymentAdmin: Caller = { openid: 'county', person: null, deploymentAdmin: true }

const GRANTS: Record<string, RoleGrant> = {
  'cadre of 帖沟村': { role: 'cadre', villageId: 'tiegou' },
  'cadre of 方北村': { role: 'cadre', villageId: 'fangbei' },
  'secretary of 帖沟村': { role: 'secretary', villageId: 'tiegou' },
  'task force of star 2': { role: 'taskforce', star: 2 },
  leader: { role: 'leader' },
  admin: { role: 'admin' },
}

/** Who may invite (or revoke) whom in 方岗镇, written out by hand from the issue. */
const EXPECTED: Record<string, Record<string, boolean>> = {
  admin: { 'cadre of 帖沟村': true, 'cadre of 方北村': true, 'secretary of 帖沟村': true, 'task force of star 2': true, leader: true, admin: true },
  leader: { 'cadre of 帖沟村': true, 'cadre of 方北村': true, 'secretary of 帖沟村': true, 'task force of star 2': true, leader: false, admin: false },
  secretary: { 'cadre of 帖沟村': true, 'cadre of 方北村': false, 'secretary of 帖沟村': false, 'task force of star 2': false, leader: false, admin: false },
  cadre: { 'cadre of 帖沟村': false, 'cadre of 方北村': false, 'secretary of 帖沟村': false, 'task force of star 2': false, leader: false, admin: false },
}
const CALLERS: Record<string, Caller> = { admin, leader, secretary, cadre }

describe('mayManageGrant', () => {
  for (const [who, row] of Object.entries(EXPECTED)) {
    it.each(Object.entries(row))(`${who} → %s: %s`, (grant, allowed) => {
      expect(mayManageGrant(CALLERS[who], GRANTS[grant], 'fanggang')).toBe(allowed)
    })
  }

  it('refuses an admin or leader in another township', () => {
    expect(mayManageGrant(admin, GRANTS.leader, 'shenhou')).toBe(false)
    expect(mayManageGrant(leader, GRANTS['task force of star 2'], 'shenhou')).toBe(false)
  })

  it('lets a deployment admin manage any role of any township', () => {
    expect(mayManageGrant(deploymentAdmin, GRANTS.admin, 'shenhou')).toBe(true)
  })
})

describe('codes', () => {
  it('are 8 characters of the alphabet, without 0/O/1/I/L', () => {
    expect(INVITE_ALPHABET).not.toMatch(/[0O1IL]/)
    const code = codeFromBytes(Buffer.alloc(16, 255))
    expect(code).toMatch(new RegExp(`^[${INVITE_ALPHABET}]{8}$`))
  })
})

describe('expiry in China time', () => {
  it('counts days from the China calendar day of creation', () => {
    // 23:30 China time on 11-27 is 15:30Z; 00:30 China time on 11-28 is 16:30Z on the 27th.
    expect(inviteValidThrough(new Date('2026-11-27T15:30:00Z'), 7)).toBe('2026-12-04')
    expect(inviteValidThrough(new Date('2026-11-27T16:30:00Z'), 7)).toBe('2026-12-05')
  })

  it('expires at 00:00 China time after the last valid day', () => {
    const invite = { status: 'open' as const, validThrough: '2026-12-04' }
    expect(inviteStatus(invite, new Date('2026-12-04T15:59:59Z'))).toBe('open')
    expect(inviteStatus(invite, new Date('2026-12-04T16:00:00Z'))).toBe('expired')
    expect(() => checkRedeemable(invite, new Date('2026-12-04T16:00:00Z'))).toThrow('已过期')
  })
})

describe('the wrong-code limit', () => {
  it('locks for an hour at the tenth wrong code within an hour', () => {
    let state = null as ReturnType<typeof afterWrongCode> | null
    const t0 = Date.parse('2026-11-27T02:00:00Z')
    for (let i = 0; i < 9; i++) state = afterWrongCode(state, new Date(t0 + i * 60_000))
    expect(isLockedOut(state, new Date(t0 + 9 * 60_000))).toBe(false)
    state = afterWrongCode(state, new Date(t0 + 9 * 60_000))
    expect(isLockedOut(state, new Date(t0 + 68 * 60_000))).toBe(true)
    expect(isLockedOut(state, new Date(t0 + 69 * 60_000))).toBe(false)
  })

  it('forgets wrong codes older than an hour', () => {
    let state = null as ReturnType<typeof afterWrongCode> | null
    const t0 = Date.parse('2026-11-27T02:00:00Z')
    for (let i = 0; i < 9; i++) state = afterWrongCode(state, new Date(t0))
    state = afterWrongCode(state, new Date(t0 + 61 * 60_000))
    expect(state).toEqual({ failures: [new Date(t0 + 61 * 60_000).toISOString()], lockedUntil: null })
  })
})
