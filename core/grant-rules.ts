import type { RoleGrant } from '../types/roles'
import { INVITE_ALPHABET, INVITE_CODE_LENGTH, type InviteStatus } from '../types/invite'
import { effectiveGrants, type Caller, type Person } from './caller'
import { addDays, chinaDay } from './time'
import { DomainError, forbidden } from './errors'

/**
 * Who may grant (invite to) or revoke which role, beyond the permission table's scope check:
 * an admin any role of their township; a township leader cadres, secretaries and task-force
 * members of their township; a secretary cadres of their own village. The deployment's admins
 * (ADMIN_OPENIDS) any role of any township.
 */
export function mayManageGrant(caller: Caller, grant: RoleGrant, townshipId: string): boolean {
  if (caller.deploymentAdmin) return true
  const person = caller.person
  const sameTownship = person?.townshipId === townshipId
  return effectiveGrants(person).some((held) => {
    switch (held.role) {
      case 'admin':
        return sameTownship && grant.role !== 'villager'
      case 'leader':
        return sameTownship && (grant.role === 'cadre' || grant.role === 'secretary' || grant.role === 'taskforce')
      case 'secretary':
        // A village belongs to one township: the village scope implies the township.
        return grant.role === 'cadre' && grant.villageId === held.villageId
      default:
        return false
    }
  })
}

/** Throws FORBIDDEN, saying what the caller may do instead, unless mayManageGrant. */
export function checkManageGrant(caller: Caller, grant: RoleGrant, townshipId: string): void {
  if (mayManageGrant(caller, grant, townshipId)) return
  const held = effectiveGrants(caller.person).map((g) => g.role)
  if (held.includes('leader')) throw forbidden('镇领导只能管理村干部、村党支部书记和工作专班成员')
  if (held.includes('secretary')) throw forbidden('村党支部书记只能管理本村的村干部')
  throw forbidden('没有权限管理该角色')
}

/** The grants of `person` that `caller` may see and manage. */
export function manageableGrants(caller: Caller, person: Pick<Person, 'grants' | 'townshipId'>): RoleGrant[] {
  return person.grants.filter((g) => g.role !== 'villager' && mayManageGrant(caller, g, person.townshipId))
}

/** Same grant (role and scope). */
export const sameGrant = (a: RoleGrant, b: RoleGrant) =>
  a.role === b.role && ('villageId' in a ? a.villageId : null) === ('villageId' in b ? b.villageId : null) && ('star' in a ? a.star : null) === ('star' in b ? b.star : null)

/** An 8-character code from 8 random bytes (or more): each byte picks a letter, rejection-free bias below 1%. */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < INVITE_CODE_LENGTH * 2) throw new Error('need two bytes per character')
  let code = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) {
    // 16 bits per character: modulo bias 31/65536, negligible.
    code += INVITE_ALPHABET[((bytes[2 * i] << 8) | bytes[2 * i + 1]) % INVITE_ALPHABET.length]
  }
  return code
}

/**
 * The last China calendar day an invitation made at `createdAt` for `days` days can be redeemed:
 * made on the 27th (China time) for 7 days, it works through the 4th and stops at 00:00 China time
 * on the 5th, whatever the host's zone.
 */
export const inviteValidThrough = (createdAt: Date, days: number) => addDays(chinaDay(createdAt), days)

export interface StoredInviteState {
  status: 'open' | 'used' | 'cancelled'
  validThrough: string
}

/** What an invitation is at `now`: open ones past their last valid day are expired. */
export function inviteStatus(invite: StoredInviteState, now: Date): InviteStatus {
  if (invite.status === 'open' && chinaDay(now) > invite.validThrough) return 'expired'
  return invite.status
}

/** Refuses a code that cannot be redeemed, in words the person understands. */
export function checkRedeemable(invite: StoredInviteState, now: Date): void {
  switch (inviteStatus(invite, now)) {
    case 'used':
      throw new DomainError('CONFLICT', '该邀请码已被使用，每个邀请码只能使用一次，请向邀请人索取新的邀请码')
    case 'cancelled':
      throw new DomainError('CONFLICT', '该邀请码已被邀请人取消，请向邀请人索取新的邀请码')
    case 'expired':
      throw new DomainError('CONFLICT', `该邀请码已过期（有效期至 ${invite.validThrough}），请向邀请人索取新的邀请码`)
    case 'open':
      return
  }
}

/** Wrong codes one person may enter within an hour before further attempts are refused for an hour. */
export const MAX_WRONG_CODES = 10
export const WRONG_CODE_WINDOW_MS = 60 * 60 * 1000

export interface AttemptState {
  /** Instants (ISO) of wrong codes within the last window. */
  failures: string[]
  lockedUntil: string | null
}

/** Whether attempts are refused at `now`. */
export const isLockedOut = (state: AttemptState | null, now: Date) =>
  !!state?.lockedUntil && now.getTime() < new Date(state.lockedUntil).getTime()

/** The state after one more wrong code at `now`: the tenth within an hour locks for an hour. */
export function afterWrongCode(state: AttemptState | null, now: Date): AttemptState {
  const since = now.getTime() - WRONG_CODE_WINDOW_MS
  const failures = [...(state?.failures ?? []).filter((at) => new Date(at).getTime() > since), now.toISOString()]
  if (failures.length >= MAX_WRONG_CODES) return { failures: [], lockedUntil: new Date(now.getTime() + WRONG_CODE_WINDOW_MS).toISOString() }
  return { failures, lockedUntil: null }
}
