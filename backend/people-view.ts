import { createHmac } from 'node:crypto'
import type { Notice } from '../types/notice'
import type { Objection } from '../types/objection'
import type { Application } from '../types/application'
import type { AuditStep } from '../types/audit'
import type { Catalogue, Target } from '../types/catalogue'
import type { LedgerEntry } from '../types/ledger'
import type { ActionName, ActionOutput } from '../types/api'
import type { ActionContext, ActionHandler } from './action'
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
export const viewLedgerEntry = (view: View, e: LedgerEntry): LedgerEntry => ({
  ...e, createdBy: view(e.createdBy), reviewedBy: view(e.reviewedBy), ...(e.attendedLeaderId ? { attendedLeaderId: view(e.attendedLeaderId) } : {}),
})
export const viewApplication = (view: View, a: Application): Application => ({ ...a, createdBy: view(a.createdBy), updatedBy: view(a.updatedBy) })
export const viewCatalogue = <C extends Catalogue | null>(view: View, c: C): C => (c ? { ...c, updatedBy: view(c.updatedBy) } : c)
export const viewTarget = (view: View, t: Target): Target => ({ ...t, updatedBy: view(t.updatedBy) })
export const viewAuditStep = (view: View, s: AuditStep): AuditStep => ({ ...s, actor: view(s.actor) })

/** A page of records, each seen through `one`. */
export const viewPage = <T, P extends { items: T[] }>(one: (view: View, item: T) => T) => (view: View, page: P): P => ({ ...page, items: page.items.map((item) => one(view, item)) })

/**
 * The handler with its answer seen through the caller's view (`openidView`): for actions whose
 * records carry who made or reviewed them. Applied to the answer whichever way it came — a fresh
 * write, or the stored first answer a retried request gets back.
 */
export function viewedBy<A extends ActionName>(present: (view: View, output: ActionOutput<A>) => ActionOutput<A>, handler: ActionHandler<A>): ActionHandler<A> {
  return {
    ...handler,
    // The view first: if it cannot be had (the pepper's read failed), nothing has been written yet.
    handle: async (input, ctx) => {
      const view = await openidView(ctx)
      return present(view, await handler.handle(input, ctx))
    },
  }
}
