import type { ActionName } from '../types/api'
import type { Role, Star } from '../types/roles'
import { effectiveGrants, type Caller } from './caller'
import { DomainError } from './errors'

/**
 * Who may call each action. `anyone`: also anonymous visitors; `signedIn`: any caller with an
 * identity; otherwise one of `roles`, within `scope`: the target's village (own village),
 * the target's star (task forces), or the whole township. The router enforces this table and
 * the permission tests read it; an action without a row does not compile.
 */
export type Permission =
  | { who: 'anyone' }
  | { who: 'signedIn' }
  | { who: 'roles'; roles: readonly Role[]; scope: 'village' | 'star' | 'township' }

export const PERMISSIONS = {
  'village.list': { who: 'anyone' },
  'me.get': { who: 'anyone' },
  'me.bindVillage': { who: 'signedIn' },
  'notice.draft': { who: 'roles', roles: ['cadre', 'secretary'], scope: 'village' },
  'notice.listDrafts': { who: 'roles', roles: ['cadre', 'secretary'], scope: 'village' },
  'notice.review': { who: 'roles', roles: ['secretary'], scope: 'village' },
  'notice.markRectified': { who: 'roles', roles: ['cadre', 'secretary'], scope: 'village' },
  'board.get': { who: 'anyone' },
  'board.listDates': { who: 'anyone' },
  'objection.create': { who: 'roles', roles: ['villager'], scope: 'village' },
  'objection.listOpen': { who: 'roles', roles: ['secretary'], scope: 'village' },
  'objection.decide': { who: 'roles', roles: ['secretary'], scope: 'village' },
} as const satisfies Record<ActionName, Permission>

/** What an action touches, for the scope check. */
export interface Target {
  townshipId?: string
  villageId?: string
  star?: Star
}

const MESSAGES: Record<Role, string> = {
  villager: '仅本村村民可以操作',
  cadre: '仅本村村干部可以操作',
  secretary: '仅本村党支部书记可以操作',
  taskforce: '仅本星级工作专班成员可以操作',
  leader: '仅镇领导可以操作',
  admin: '仅管理员可以操作',
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless `caller` may act on `target` under `permission`. */
export function authorize(permission: Permission, caller: Caller, target: Target): void {
  if (permission.who === 'anyone') return
  if (!caller.openid) throw new DomainError('UNAUTHENTICATED', '请先登录')
  if (permission.who === 'signedIn') return
  const grants = effectiveGrants(caller.person)
  const allowed = grants.some((grant) => {
    if (!permission.roles.includes(grant.role)) return false
    switch (permission.scope) {
      case 'village':
        return 'villageId' in grant && grant.villageId === target.villageId
      case 'star':
        return 'star' in grant && grant.star === target.star
      case 'township':
        return caller.person?.townshipId === target.townshipId
    }
  })
  if (!allowed) throw new DomainError('FORBIDDEN', MESSAGES[permission.roles[0]])
}

/** Whether the caller holds one of `roles` for `villageId` (for views that differ by role). */
export function holdsVillageRole(caller: Caller, roles: readonly Role[], villageId: string): boolean {
  return effectiveGrants(caller.person).some((g) => roles.includes(g.role) && 'villageId' in g && g.villageId === villageId)
}
