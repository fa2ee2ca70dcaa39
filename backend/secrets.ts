import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import { codeFromBytes } from '../core/grant-rules'
import type { Deps } from './deps'

// Invitation codes are bearer credentials: only a keyed hash of each is stored. The key (pepper) is
// the api function's INVITE_PEPPER when set, else a random secret kept in the `settings` collection
// (made on first use), so a deployment works without configuration.

const cache = new WeakMap<Deps, Promise<string>>()

export function getPepper(deps: Deps): Promise<string> {
  if (deps.pepper) return Promise.resolve(deps.pepper)
  let pepper = cache.get(deps)
  if (!pepper) {
    pepper = (async () => {
      await deps.store.insertIfAbsent('settings', { _id: 'pepper', value: randomBytes(32).toString('hex') })
      const doc = await deps.store.get<{ _id: string; value: string }>('settings', 'pepper')
      if (!doc?.value) throw new Error('settings/pepper missing')
      return doc.value
    })()
    pepper.catch(() => cache.delete(deps))
    cache.set(deps, pepper)
  }
  return pepper
}

/** The stored form of a code. */
export const hashCode = (pepper: string, code: string) => createHmac('sha256', pepper).update(`invite\n${code}`).digest('hex')

/**
 * A fresh code; with a request id, the same code for the same caller and request id, so a retried
 * invite.create answers the code of the invitation it already made (nothing stores the code).
 */
export function makeCode(pepper: string, openid: string, requestId: string | undefined): string {
  const bytes = requestId ? createHmac('sha256', pepper).update(`code\n${openid}\n${requestId}`).digest() : randomBytes(32)
  return codeFromBytes(bytes)
}

const refKey = (pepper: string) => createHmac('sha256', pepper).update('person-ref').digest()

/** An opaque, stable handle of a person for managers who may not see OPENIDs (deterministic AES-GCM). */
export function personRef(pepper: string, openid: string): string {
  const key = refKey(pepper)
  const iv = createHmac('sha256', key).update(openid).digest().subarray(0, 12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(openid, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

/** The OPENID behind a handle, or null for anything this deployment did not make. */
export function openidOfRef(pepper: string, ref: string): string | null {
  try {
    const raw = Buffer.from(ref, 'base64url')
    if (raw.length < 29) return null
    const decipher = createDecipheriv('aes-256-gcm', refKey(pepper), raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(12, 28))
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
