import { actions, type ActionInput, type ActionName, type ActionOutput } from '../../types/api'
import { openEnvelope } from './envelope'
import { sendCloud } from './transport/cloud'
import type { Transport } from './transport/types'

// WeChat calls the cloud function; the browser demo posts to the local server that hosts the same handlers.
const send: Transport =
  process.env.TARO_ENV === 'h5'
    ? (require('./transport/http') as typeof import('./transport/http')).sendHttp
    : sendCloud

/** Calls one action of the `api` cloud function; resolves with its validated output or throws ApiCallError. */
export async function callApi<A extends ActionName>(action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
  const body = await send(action, input)
  return openEnvelope(body, actions[action].output, action) as ActionOutput<A>
}
