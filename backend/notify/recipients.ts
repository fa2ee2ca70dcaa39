import { createHash } from 'node:crypto'
import type { Role, RoleGrant } from '../../types/roles'
import type { DocumentStore, TxStore } from '../../core/store'
import type { Person } from '../../core/caller'

/**
 * The role directory: one `roleHolders` document per (person, grant), so "the secretaries of
 * 帖沟村" or "the leaders of 方岗镇" is one indexed query instead of a scan of a township's people
 * (grants are an array inside each person, which no index serves). Maintained on write: whatever
 * stores or changes a person's grants (seed, invites, admin) calls `syncRoleDirectory` after.
 */
export interface RoleHolder {
  _id: string
  openid: string
  role: Role
  townshipId: string
  villageId: string | null
  star: number | null
  /** False once the grant is withdrawn (the port has no delete; a withdrawn holder is skipped). */
  active: boolean
}

const holderId = (openid: string, grant: RoleGrant) =>
  createHash('sha256')
    .update(`${openid}\n${grant.role}\n${'villageId' in grant ? grant.villageId : ''}\n${'star' in grant ? grant.star : ''}`)
    .digest('hex')
    .slice(0, 32)

/** Brings the directory in line with `person.grants`: new grants added, withdrawn ones deactivated. */
export async function syncRoleDirectory(store: DocumentStore, person: Pick<Person, '_id' | 'townshipId' | 'grants'>): Promise<void> {
  const wanted = new Map(person.grants.filter((g) => g.role !== 'villager').map((g) => [holderId(person._id, g), g]))
  const existing = await store.find<RoleHolder>('roleHolders', { where: { openid: person._id }, limit: 100 })
  for (const holder of existing) {
    if (!wanted.has(holder._id) && holder.active) await store.patch('roleHolders', holder._id, { active: false })
    if (wanted.has(holder._id) && (!holder.active || holder.townshipId !== person.townshipId)) {
      await store.patch('roleHolders', holder._id, { active: true, townshipId: person.townshipId })
    }
  }
  for (const [id, grant] of wanted) {
    if (existing.some((h) => h._id === id)) continue
    await store.insertIfAbsent('roleHolders', { ...holderDoc(person, id, grant) })
  }
}

const holderDoc = (person: Pick<Person, '_id' | 'townshipId'>, id: string, grant: RoleGrant): RoleHolder => ({
  _id: id,
  openid: person._id,
  role: grant.role,
  townshipId: person.townshipId,
  villageId: 'villageId' in grant ? grant.villageId : null,
  star: 'star' in grant ? grant.star : null,
  active: true,
})

/**
 * Inside the transaction that changes a person's grants (by id only, no query): the holders of
 * the grants `after` holds are inserted or re-activated (and moved to its township), those of the
 * grants `before` held and `after` no longer does are deactivated. So the directory the
 * notifications read changes together with the grants, or not at all.
 */
export async function syncRoleDirectoryInTx(
  tx: TxStore,
  before: Pick<Person, 'grants'> | null,
  after: Pick<Person, '_id' | 'townshipId' | 'grants'>,
): Promise<void> {
  const roles = (grants: readonly RoleGrant[]) => new Map(grants.filter((g) => g.role !== 'villager').map((g) => [holderId(after._id, g), g]))
  const wanted = roles(after.grants)
  const held = roles(before?.grants ?? [])
  for (const [id, grant] of wanted) {
    const holder = await tx.get<RoleHolder>('roleHolders', id)
    if (!holder) await tx.insert('roleHolders', { ...holderDoc(after, id, grant) })
    else if (!holder.active || holder.townshipId !== after.townshipId) await tx.patch('roleHolders', id, { active: true, townshipId: after.townshipId })
  }
  for (const id of held.keys()) {
    if (wanted.has(id)) continue
    const holder = await tx.get<RoleHolder>('roleHolders', id)
    if (holder?.active) await tx.patch('roleHolders', id, { active: false })
  }
}

const openids = (holders: RoleHolder[]) => [...new Set(holders.map((h) => h.openid))]

/** One read's worth (the cloud's ceiling per get): the safety net below reads no more than this. */
const SCAN_CAP = 1000

/**
 * Safety net for grants written outside `syncRoleDirectory` (e.g. added by hand in the cloud
 * console, as the README's deployment steps still do until invites exist): when the directory
 * knows nobody, one indexed read of the township's people (at most 1000) and a check of their
 * grants. Costs nothing while the directory is kept in step.
 */
export async function scanTownship(store: DocumentStore, townshipId: string, holds: (grant: RoleGrant) => boolean): Promise<string[]> {
  const people = await store.find<Person>('people', { where: { townshipId }, limit: SCAN_CAP })
  return people.filter((person) => (person.grants ?? []).some(holds)).map((person) => person._id)
}

/** The people holding `role` in `villageId` (secretaries, cadres). */
export async function villageRoleHolders(store: DocumentStore, villageId: string, role: Role, townshipId?: string): Promise<string[]> {
  const listed = openids(await store.find<RoleHolder>('roleHolders', { where: { villageId, role, active: true }, limit: 100 }))
  if (listed.length > 0 || !townshipId) return listed
  return scanTownship(store, townshipId, (g) => g.role === role && 'villageId' in g && g.villageId === villageId)
}

/** The people holding a township-wide `role` (leaders, admins) in `townshipId`. */
export async function townshipRoleHolders(store: DocumentStore, townshipId: string, role: Role): Promise<string[]> {
  const listed = openids(await store.find<RoleHolder>('roleHolders', { where: { townshipId, role, active: true }, limit: 100 }))
  if (listed.length > 0) return listed
  return scanTownship(store, townshipId, (g) => g.role === role)
}

/** The task force of `star` in `townshipId` (for star applications, ledger verification). */
export async function taskForce(store: DocumentStore, townshipId: string, star: number): Promise<string[]> {
  return openids(await store.find<RoleHolder>('roleHolders', { where: { townshipId, role: 'taskforce', star, active: true }, limit: 100 }))
}
