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
