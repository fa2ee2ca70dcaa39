import type { actions, ActionInput, ActionName, ActionOutput } from '../../types/api'
import { openEnvelope, unwrapEnvelope } from './envelope'
import { sendCloud } from './transport/cloud'
import type { Transport } from './transport/types'

// WeChat calls the cloud function; the browser demo posts to the local server that hosts the same handlers.
const send: Transport =
  process.env.TARO_ENV === 'h5'
    ? (require('./transport/http') as typeof import('./transport/http')).sendHttp
    : sendCloud

// Development builds and tests check every response against its action's output schema. A production
// build folds this condition to false and drops the require, and with it zod and every schema of the
// contract: the main package every villager downloads carries the client's types only, however many
// actions types/api.ts grows (scripts/check-weapp.ts fails the build if zod gets back in).
const contract: typeof actions | null =
  process.env.NODE_ENV !== 'production' ? (require('../../types/api') as typeof import('../../types/api')).actions : null

/**
 * Calls one action of the `api` cloud function; resolves with its output or throws ApiCallError.
 * Outside production the output is validated too, and a response that breaks the contract throws BAD_RESPONSE.
 */
export async function callApi<A extends ActionName>(action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
  const body = await send(action, input)
  if (contract) return openEnvelope(body, contract[action].output, action) as ActionOutput<A>
  return unwrapEnvelope(body) as ActionOutput<A>
}
