/** One WeChat subscribe message, as `openapi.subscribeMessage.send` takes it. */
export interface SubscribeMessage {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
}

/** Sends a subscribe message; throws a SendFailure (or anything) when WeChat refuses or the call fails. */
export interface SubscribeMessenger {
  send(message: SubscribeMessage): Promise<void>
}

/** A refused send with WeChat's errCode (43101: the person holds no subscription for the template). */
export class SendFailure extends Error {
  constructor(readonly errCode: number | null, message: string) {
    super(message)
    this.name = 'SendFailure'
  }
}

/** WeChat: "user refuse to accept the msg" — no accepted one-time subscription is left. */
export const ERR_NO_SUBSCRIPTION = 43101

/** The slice of `cloud.openapi.subscribeMessage` the app calls. */
export interface SubscribeMessageApi {
  send(params: { touser: string; templateId: string; page: string; data: Record<string, { value: string }>; miniprogramState?: string }): Promise<{ errCode?: number; errMsg?: string }>
}

/** Production: the cloud function's openapi (declared in cloudfunctions/<fn>/config.json permissions). */
export function wechatMessenger(api: SubscribeMessageApi): SubscribeMessenger {
  return {
    async send(message) {
      let response: { errCode?: number; errMsg?: string }
      try {
        response = await api.send({ ...message, miniprogramState: 'formal' })
      } catch (error) {
        // wx-server-sdk rejects with { errCode, errMsg } for a refused call.
        const e = error as { errCode?: unknown; errMsg?: unknown; message?: unknown }
        throw new SendFailure(typeof e.errCode === 'number' ? e.errCode : null, String(e.errMsg ?? e.message ?? error))
      }
      if (response.errCode) throw new SendFailure(response.errCode, response.errMsg ?? 'send failed')
    },
  }
}
