import type { ActionName, ActionOutput, ActionParsedInput } from '../types/api'
import type { Caller } from '../core/caller'
import type { Target } from '../core/permissions'
import type { Deps } from './deps'

/** What a handler sees besides its input: the caller, the ports, and the request's clock reading. */
export interface ActionContext {
  caller: Caller
  deps: Deps
  now: Date
  /** Today in China at `now`. */
  today: string
  /** What the handler's `prefetch` answered (read while the caller was being resolved). */
  prefetched?: unknown
}

/**
 * One action's server side. `target` names what the call touches (it may read the store) so the
 * router can check the permission table before `handle` runs; `handle` does the work.
 */
export interface ActionHandler<A extends ActionName> {
  /**
   * A read that does not depend on the caller, started in parallel with resolving the caller (for
   * `anyone` actions only): the public board answers a signed-in caller in one round of reads.
   */
  prefetch?: (input: ActionParsedInput<A>, ctx: Omit<ActionContext, 'caller' | 'prefetched'>) => Promise<unknown>
  target?: (input: ActionParsedInput<A>, ctx: ActionContext) => Promise<Target> | Target
  handle: (input: ActionParsedInput<A>, ctx: ActionContext) => Promise<ActionOutput<A>>
}

export type HandlerTable = { [A in ActionName]: ActionHandler<A> }

/** Ties a handler to its action name so the input type is inferred from the contract. */
export const defineHandler = <A extends ActionName>(_action: A, handler: ActionHandler<A>) => handler

/** The caller's openid, which every role-gated action has (the router refused it otherwise). */
export function callerOpenid(ctx: ActionContext): string {
  if (!ctx.caller.openid) throw new Error('role-gated action reached without an identity')
  return ctx.caller.openid
}

export function callerName(ctx: ActionContext): string {
  return ctx.caller.person?.name ?? '未登记用户'
}
