import { useRef } from 'react'

/**
 * A request id for one form submission (types/common.ts ZRequestId): made once, sent with the
 * create call and with every retry of it, so a retry after a lost answer (a village's 4G) gets the
 * first record back instead of making a second one. Not a secret; only unique per person.
 */
export function newRequestId(): string {
  const random = () => Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, '0')
  return `r${Date.now().toString(36)}${random()}${random()}`
}

export interface RequestIdRef {
  /** The id to send with the create, and with every retry of it. */
  readonly current: string
  /** Call once the create has landed: the form's next create is another record. */
  renew(): void
}

/** A form's request id across renders: the same while a create is retried, a new one after it landed. */
export function useRequestId(): RequestIdRef {
  const ref = useRef<RequestIdRef>()
  if (!ref.current) {
    let id = newRequestId()
    ref.current = {
      get current() {
        return id
      },
      renew() {
        id = newRequestId()
      },
    }
  }
  return ref.current
}

/**
 * The request id of one decision on one record (通过, 退回, 销号, …): the same for the same decision
 * on the same version, so a second tap after a lost answer is the same request and answers the first
 * result; the next decision (the version has moved) is another request. Parts: the record's id, its
 * version (when it has one) and the decision.
 */
export function decisionRequestId(...parts: Array<string | number | undefined>): string {
  const text = parts.map((p) => String(p ?? '')).join('\n')
  // Two 32-bit FNV-1a hashes (different seeds): ids are ZRequestId-shaped whatever the record's id length.
  const fnv = (seed: number) => {
    let h = seed >>> 0
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
    return h.toString(16).padStart(8, '0')
  }
  return `d${fnv(0x811c9dc5)}${fnv(0x01000193)}`
}
