import type { RoleGrant } from '../types/roles'

/** A person known to the app (the `people` collection); `_id` is their WeChat OPENID. */
export interface Person {
  _id: string
  name: string
  townshipId: string
  /** The village they chose as theirs (村民 binding). */
  villageId: string | null
  grants: RoleGrant[]
  createdAt: string
  /** Bumped by every grant redeemed or revoked (absent on people stored before invitations existed). */
  grantsVersion?: number
}

/** Who is calling, as established by the platform (never by the payload). */
export interface Caller {
  /** WeChat OPENID, or null for an anonymous browser visitor in local mode. */
  openid: string | null
  person: Person | null
  /** One of the deployment's admins (the api function's ADMIN_OPENIDS; configuration only). */
  deploymentAdmin?: boolean
}

/** A person's grants plus the implicit 村民 grant of their chosen village. */
export function effectiveGrants(person: Person | null): RoleGrant[] {
  if (!person) return []
  const grants = [...person.grants]
  if (person.villageId && !grants.some((g) => g.role === 'villager' && g.villageId === person.villageId)) {
    grants.push({ role: 'villager', villageId: person.villageId })
  }
  return grants
}
