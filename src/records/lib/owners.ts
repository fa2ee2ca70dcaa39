import type { Me } from '../../../types/village'
import { callApi } from '../../services/api'

export type OwnerChoice = { personId: string; name: string }

/** The village's cadres and secretary from role.list (which shows a person's id to admins only). */
async function listedOfficers(villageId: string, out: Map<string, string>): Promise<void> {
  let cursor: string | undefined
  for (let page = 0; page < 5; page++) {
    const res = await callApi('role.list', { villageId, limit: 50, ...(cursor ? { cursor } : {}) })
    for (const h of res.items) {
      const officer = h.grants.some((g) => (g.role === 'cadre' || g.role === 'secretary') && g.villageId === villageId)
      if (h.personId && officer) out.set(h.personId, h.name)
    }
    if (!res.nextCursor) return
    cursor = res.nextCursor
  }
}

/**
 * The people an item may be assigned to (the village's cadres and its secretary). An admin gets every
 * officer from role.list; anyone else (role.list hides other people's ids from them) gets themself and
 * the owners the village's checklist already names; the import assigns anyone by name. The server
 * checks the chosen owner again.
 */
export async function loadOwnerChoices(villageId: string, me: Me | undefined): Promise<OwnerChoice[]> {
  const out = new Map<string, string>()
  if (me?.personId && me.name) out.set(me.personId, me.name)
  const mayList = !!me && (me.deploymentAdmin || me.grants.some((g) => g.role === 'admin'))
  if (mayList) {
    await listedOfficers(villageId, out)
  } else {
    const items = await callApi('checklist.list', { villageId, limit: 50 })
    for (const item of items.items) if (!item.unowned) out.set(item.ownerId, item.ownerName)
  }
  return [...out].map(([personId, name]) => ({ personId, name }))
}
