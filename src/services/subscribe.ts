import Taro from '@tarojs/taro'
import type { TemplateKey } from '../../types/inbox'
import { callApi } from './api'
import { newRequestId } from '../lib/request-id'

// Template ids of the WeChat console, from the build environment (README: TARO_APP_TEMPLATE_*; the
// cloud function holds the same ids as WX_TEMPLATE_*). The browser demo uses local mode's stand-ins.
const TEMPLATE_IDS: Record<TemplateKey, string> =
  process.env.TARO_ENV === 'h5'
    ? { review: 'local-review', result: 'local-result', board: 'local-board', due: 'local-due' }
    : {
        review: process.env.TARO_APP_TEMPLATE_REVIEW,
        result: process.env.TARO_APP_TEMPLATE_RESULT,
        board: process.env.TARO_APP_TEMPLATE_BOARD,
        due: process.env.TARO_APP_TEMPLATE_DUE,
      }

type Answer = { templateId: string; status: 'accept' | 'reject' | 'ban' | 'filter' }

/**
 * Asks for one-time subscriptions (at most 3 templates) and records the answers with the server.
 * WeChat shows its prompt only from a tap: call this synchronously at the very start of the tap
 * handler, before any other await, and await the promise it returns later (or not at all). Never
 * rejects: a refused or failed prompt changes nothing else the tap does. Resolves true when an
 * accept was recorded.
 */
export function askToSubscribe(keys: readonly TemplateKey[], villageId?: string): Promise<boolean> {
  const ids = keys.map((k) => TEMPLATE_IDS[k]).filter((id): id is string => !!id).slice(0, 3)
  const requestId = newRequestId()
  if (ids.length === 0) return Promise.resolve(false)
  const prompt: Promise<Answer[]> =
    process.env.TARO_ENV === 'h5'
      ? // The browser has no WeChat prompt: local mode stands in for an accept, so the demo shows what would be sent.
        Promise.resolve(ids.map((templateId) => ({ templateId, status: 'accept' as const })))
      : Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option).then((res) => {
          const answers = res as unknown as Record<string, string>
          return ids
            .map((templateId) => ({ templateId, status: answers[templateId] }))
            .filter((a): a is Answer => ['accept', 'reject', 'ban', 'filter'].includes(a.status))
        })
  return prompt
    .then(async (results) => {
      if (results.length === 0) return false
      // One id per prompt answer: the record lands once however the call is retried.
      await callApi('subscription.record', { results, requestId, ...(villageId ? { villageId } : {}) })
      return results.some((r) => r.status === 'accept')
    })
    .catch((error) => {
      console.warn('subscribe prompt or record failed', error)
      return false
    })
}
