// UI hints only: these decide which buttons to show; the server checks every call again.
import type { Me } from '../../types/village'
import { ROLE_NAMES, STAR_NAMES } from '../../types/labels'
import type { RoleGrant } from '../../types/roles'

/** Villages where I hold a cadre or secretary role. */
export function cadreVillageIds(me: Me | undefined): string[] {
  if (!me) return []
  const ids = me.grants.flatMap((g) => (g.role === 'cadre' || g.role === 'secretary' ? [g.villageId] : []))
  return Array.from(new Set(ids))
}

/** Whether I am the branch secretary of this village. */
export function isSecretaryOf(me: Me | undefined, villageId: string | null): boolean {
  return !!me && !!villageId && me.grants.some((g) => g.role === 'secretary' && g.villageId === villageId)
}

/** Whether I am a cadre (or secretary) of this village. */
export function isCadreOf(me: Me | undefined, villageId: string | null): boolean {
  return !!villageId && cadreVillageIds(me).includes(villageId)
}

/** The village a cadre page works on: the chosen one if I serve there, else the first I serve. */
export function pickCadreVillage(me: Me | undefined, preferred: string | null): string | null {
  const ids = cadreVillageIds(me)
  if (preferred && ids.includes(preferred)) return preferred
  return ids[0] ?? null
}

/** A grant as a label, e.g. 村干部 or 工作专班成员（生态宜居星）; village names are shown elsewhere. */
export function grantLabel(grant: RoleGrant): string {
  return grant.role === 'taskforce' ? `${ROLE_NAMES.taskforce}（${STAR_NAMES[grant.star]}）` : ROLE_NAMES[grant.role]
}

/** Whether I am a township leader (who reviews the drafts of every village of the township). */
export function isLeader(me: Me | undefined): boolean {
  return !!me && me.grants.some((g) => g.role === 'leader')
}

/** Which management pages my roles open (admin/ subpackage); the server checks every call again. */
export function managementEntries(me: Me | undefined) {
  const roles = new Set(me?.grants.map((g) => g.role) ?? [])
  const manager = roles.has('admin') || roles.has('leader') || roles.has('secretary') || !!me?.deploymentAdmin
  return {
    invitations: manager,
    people: manager,
    villages: roles.has('admin') || !!me?.deploymentAdmin,
  }
}
