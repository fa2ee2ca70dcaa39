import type { ActionName } from '../types/api'
import type { Role, Star } from '../types/roles'
import { effectiveGrants, type Caller } from './caller'
import { DomainError } from './errors'

/**
 * Who may call each action. `anyone`: also anonymous visitors; `signedIn`: any caller with an
 * identity; `roles`: a caller holding one of a rule's roles within that rule's scope — the
 * target's village (own village), the target's star within the target's township (task forces),
 * or the target's township. An action may be open to several roles with different scopes (the
 * village's secretary, or any leader of that village's township): one rule each. The router
 * enforces this table and the permission tests read it; an action without a row does not compile.
 */
export type Scope = 'village' | 'star' | 'township'
export interface RoleRule {
  roles: readonly Role[]
  scope: Scope
}
export type Permission =
  | { who: 'anyone' }
  | { who: 'signedIn' }
  /** Only the deployment's admins (ADMIN_OPENIDS), who also pass every rule that names admins. */
  | { who: 'deploymentAdmin' }
  | { who: 'roles'; rules: readonly RoleRule[] }

/** Shorthand for a row open to `roles` within one scope; add rules for further scopes. */
const only = (roles: readonly Role[], scope: Scope, ...more: RoleRule[]) =>
  ({ who: 'roles', rules: [{ roles, scope }, ...more] }) as const

/** 定期调阅: a village's cadres read its ledger; leaders, admins and every task force read any village's in the township. */
const LEDGER_READERS = only(['cadre', 'secretary'], 'village', { roles: ['leader', 'admin', 'taskforce'], scope: 'township' })

export const PERMISSIONS = {
  'village.list': { who: 'anyone' },
  'village.update': only(['admin'], 'township'),
  'township.list': { who: 'anyone' },
  'township.create': { who: 'deploymentAdmin' },
  // Who may invite whom within these rules depends on the requested role: core/grant-rules.ts.
  'invite.create': only(['admin', 'leader'], 'township', { roles: ['secretary'], scope: 'village' }),
  'invite.redeem': { who: 'signedIn' },
  'invite.cancel': only(['admin', 'leader'], 'township', { roles: ['secretary'], scope: 'village' }),
  'invite.list': only(['admin', 'leader'], 'township', { roles: ['secretary'], scope: 'village' }),
  'role.list': only(['admin', 'leader'], 'township', { roles: ['secretary'], scope: 'village' }),
  'role.revoke': only(['admin', 'leader'], 'township', { roles: ['secretary'], scope: 'village' }),
  'me.get': { who: 'anyone' },
  'me.bindVillage': { who: 'signedIn' },
  'notice.draft': only(['cadre', 'secretary'], 'village'),
  // Leaders see every village's drafts of their township, to review them (the four-eyes way out).
  'notice.listDrafts': only(['cadre', 'secretary'], 'village', { roles: ['leader'], scope: 'township' }),
  // The four-eyes way out: a village's only secretary cannot approve their own criticism, a leader can.
  'notice.review': only(['secretary'], 'village', { roles: ['leader'], scope: 'township' }),
  'notice.markRectified': only(['cadre', 'secretary'], 'village'),
  'board.get': { who: 'anyone' },
  'board.listDates': { who: 'anyone' },
  'objection.create': only(['villager'], 'village'),
  'objection.listOpen': only(['secretary'], 'village'),
  'objection.decide': only(['secretary'], 'village'),
  // Each person reads and marks only their own inbox: the handler queries by the caller's openid.
  'inbox.list': { who: 'signedIn' },
  'inbox.markRead': { who: 'signedIn' },
  'inbox.unreadCount': { who: 'signedIn' },
  'subscription.record': { who: 'signedIn' },
  'catalogue.get': { who: 'anyone' },
  'catalogue.update': only(['admin'], 'township'),
  'catalogue.copyYear': only(['admin'], 'township'),
  'target.set': only(['leader', 'admin'], 'township'),
  'target.list': { who: 'anyone' },
  'ledger.create': only(['cadre', 'secretary'], 'village'),
  'ledger.update': only(['cadre', 'secretary'], 'village'),
  'ledger.review': only(['taskforce'], 'star'),
  'ledger.get': LEDGER_READERS,
  'ledger.list': LEDGER_READERS,
  'compliance.get': LEDGER_READERS,
  'checklist.create': only(['cadre', 'secretary'], 'village', { roles: ['leader', 'admin'], scope: 'township' }),
  'checklist.import': only(['cadre', 'secretary'], 'village', { roles: ['leader', 'admin'], scope: 'township' }),
  'checklist.update': only(['cadre', 'secretary'], 'village', { roles: ['leader', 'admin'], scope: 'township' }),
  'checklist.close': only(['cadre', 'secretary'], 'village'),
  // The target names the star for a star's item (its task force reviews) and the village for a village-wide one (its secretary).
  'checklist.review': only(['taskforce'], 'star', { roles: ['secretary'], scope: 'village' }),
  'checklist.list': LEDGER_READERS,
  'export.ledger': LEDGER_READERS,
  'export.checklist': LEDGER_READERS,
  // 创星申报: the village's cadres prepare, its secretary submits, the star's task force pre-reviews, a leader decides.
  'application.create': only(['cadre', 'secretary'], 'village'),
  'application.update': only(['cadre', 'secretary'], 'village'),
  'application.submit': only(['secretary'], 'village'),
  'application.review': only(['taskforce'], 'star'),
  'application.decide': only(['leader'], 'township'),
  'application.revoke': only(['leader'], 'township'),
  'application.get': LEDGER_READERS,
  'application.list': LEDGER_READERS,
  'rating.get': { who: 'anyone' },
  // The township grid: leaders, admins, task forces; one village's row (with villageId) also its cadres.
  'dashboard.get': only(['leader', 'admin', 'taskforce'], 'township', { roles: ['cadre', 'secretary'], scope: 'village' }),
  'export.dashboard': only(['leader', 'admin', 'taskforce'], 'township'),
  'audit.list': LEDGER_READERS,
  // 季度观摩: a leader runs the tour; the township's village secretaries and leaders score (never their own village: the handler refuses it).
  'tour.create': only(['leader'], 'township'),
  'tour.score': only(['leader', 'secretary'], 'township'),
  'tour.close': only(['leader'], 'township'),
  'tour.get': only(['leader', 'secretary', 'admin', 'taskforce'], 'township'),
  'tour.list': only(['leader', 'secretary', 'admin', 'taskforce'], 'township'),
  'tour.toChecklist': only(['leader'], 'township'),
  'export.tour': only(['leader', 'admin', 'taskforce'], 'township'),
  // 每周评选: a village's cadres nominate from its approved praise; its secretary (or a leader: four eyes) confirms; confirmed awards are public.
  'award.nominate': only(['cadre', 'secretary'], 'village'),
  'award.confirm': only(['secretary'], 'village', { roles: ['leader'], scope: 'township' }),
  'award.list': { who: 'anyone' },
  // 每周专题会: the star's task force (its 专班长 closes the week), leaders and admins read.
  'report.weekly': only(['taskforce'], 'star', { roles: ['leader', 'admin'], scope: 'township' }),
  'report.close': only(['taskforce'], 'star'),
  'export.weekly': only(['taskforce'], 'star', { roles: ['leader', 'admin'], scope: 'township' }),
  // 联系村: leaders and admins of the township record it; who answers for a village is public (names and units only).
  'contact.set': only(['leader', 'admin'], 'township'),
  'contact.list': { who: 'anyone' },
  // 科级干部 at their villages' 主题党日 / 组织生活会, per quarter: the dashboard's readers of the township.
  'contact.attendance': only(['leader', 'admin', 'taskforce'], 'township'),
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

/** Whether `caller` holds one of `rule`'s roles within its scope for `target`. */
export function satisfiesRule(rule: RoleRule, caller: Caller, target: Target): boolean {
  // The deployment's admins act as the admin of every township.
  if (caller.deploymentAdmin && rule.roles.includes('admin')) return true
  const township = caller.person?.townshipId
  return effectiveGrants(caller.person).some((grant) => {
    if (!rule.roles.includes(grant.role)) return false
    switch (rule.scope) {
      case 'village':
        return 'villageId' in grant && target.villageId !== undefined && grant.villageId === target.villageId
      case 'star':
        return 'star' in grant && target.star !== undefined && grant.star === target.star && township !== undefined && township === target.townshipId
      case 'township':
        return township !== undefined && township === target.townshipId
    }
  })
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless `caller` may act on `target` under `permission`. */
export function authorize(permission: Permission, caller: Caller, target: Target): void {
  if (permission.who === 'anyone') return
  if (!caller.openid) throw new DomainError('UNAUTHENTICATED', '请先登录')
  if (permission.who === 'signedIn') return
  if (permission.who === 'deploymentAdmin') {
    if (!caller.deploymentAdmin) throw new DomainError('FORBIDDEN', '仅部署管理员（ADMIN_OPENIDS）可以操作')
    return
  }
  if (!permission.rules.some((rule) => satisfiesRule(rule, caller, target))) {
    throw new DomainError('FORBIDDEN', MESSAGES[permission.rules[0].roles[0]])
  }
}

/** Whether the caller holds one of `roles` for `villageId` (for views that differ by role). */
export function holdsVillageRole(caller: Caller, roles: readonly Role[], villageId: string): boolean {
  return effectiveGrants(caller.person).some((g) => roles.includes(g.role) && 'villageId' in g && g.villageId === villageId)
}
