import type { Me } from '../../../types/village'
import { callApi } from '../../services/api'

/** Someone an item may be assigned to: by id (oneself, or anyone for an admin) or by role.list's ref. */
export interface OwnerChoice {
  key: string
  name: string
  owner: { ownerId: string } | { ownerRef: string }
}

const isOfficerOf = (grants: Array<{ role: string; villageId?: string }>, villageId: string) =>
  grants.some((g) => (g.role === 'cadre' || g.role === 'secretary') && g.villageId === villageId)

/** The village's cadres and secretary from role.list (admins, leaders and the village's secretary may call it). */
async function listedOfficers(villageId: string, meId: string | null, add: (c: OwnerChoice) => void): Promise<void> {
  let cursor: string | undefined
  for (let page = 0; page < 5; page++) {
    const res = await callApi('role.list', { villageId, limit: 50, ...(cursor ? { cursor } : {}) })
    for (const h of res.items) {
      if (!isOfficerOf(h.grants as Array<{ role: string; villageId?: string }>, villageId) || (meId && h.personId === meId)) continue
      add({ key: h.ref, name: h.name, owner: h.personId ? { ownerId: h.personId } : { ownerRef: h.ref } })
    }
    if (!res.nextCursor) return
    cursor = res.nextCursor
  }
}

/** Anyone else: the owners the village's checklist already names (each row carries its owner's ref). */
async function checklistOwners(villageId: string, meId: string | null, add: (c: OwnerChoice) => void): Promise<void> {
  const items = await callApi('checklist.list', { villageId, limit: 50 })
  for (const item of items.items) {
    if (item.unowned || (meId && item.ownerId === meId)) continue
    add({ key: item.ownerRef, name: item.ownerName, owner: { ownerRef: item.ownerRef } })
  }
}

/**
 * The people an item may be assigned to (the village's cadres and its secretary): oneself, then
 * whoever role.list shows the caller, or else the owners the checklist already names. Nobody's
 * OPENID but one's own (or, for an admin, anyone's) reaches the page. The server checks the owner again.
 */
export async function loadOwnerChoices(villageId: string, me: Me | undefined): Promise<OwnerChoice[]> {
  const out = new Map<string, OwnerChoice>()
  const byName = new Set<string>()
  const add = (c: OwnerChoice) => {
    if (byName.has(c.name) && !('ownerId' in c.owner)) return
    byName.add(c.name)
    out.set(c.key, c)
  }
  const meId = me?.personId ?? null
  if (meId && me?.name && me.grants.some((g) => isOfficerOf([g as { role: string; villageId?: string }], villageId))) add({ key: meId, name: me.name, owner: { ownerId: meId } })
  const mayList = !!me && (me.deploymentAdmin || me.grants.some((g) => g.role === 'admin' || g.role === 'leader' || (g.role === 'secretary' && 'villageId' in g && g.villageId === villageId)))
  if (mayList) await listedOfficers(villageId, meId, add)
  else await checklistOwners(villageId, meId, add)
  return [...out.values()]
}
