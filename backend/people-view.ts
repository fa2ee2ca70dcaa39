import { createHmac } from 'node:crypto'
import type { Notice } from '../types/notice'
import type { Objection } from '../types/objection'
import type { ActionContext } from './action'
import { getPepper } from './secrets'

/**
 * Nobody sees another person's OPENID but an admin: records answered to anyone else carry a stable
 * pseudonym (`u_` and 16 hex digits, the same for the same person) in place of others' OPENIDs.
 * The caller's own id stays as it is.
 */
export async function openidView(ctx: ActionContext): Promise<<T extends string | null>(openid: T) => T> {
  const caller = ctx.caller
  if (caller.deploymentAdmin || caller.person?.grants.some((g) => g.role === 'admin')) return (id) => id
  const pepper = await getPepper(ctx.deps)
  return <T extends string | null>(id: T): T =>
    (id === null || id === caller.openid ? id : `u_${createHmac('sha256', pepper).update(`person\n${id}`).digest('hex').slice(0, 16)}`) as T
}

type View = Awaited<ReturnType<typeof openidView>>

export const viewNotice = (view: View, n: Notice): Notice => ({ ...n, draftedBy: view(n.draftedBy), reviewedBy: view(n.reviewedBy) })
export const viewObjection = <O extends Objection>(view: View, o: O): O => ({ ...o, openid: view(o.openid), decidedBy: view(o.decidedBy) })
