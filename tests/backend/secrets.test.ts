import { createSqliteStore } from '../../backend/storage/sqlite'
import { contentPipeline } from '../../backend/content/pipeline'
import { getPepper, hashCode, makeCode, openidOfRef, personRef } from '../../backend/secrets'
import type { Deps } from '../../backend/deps'

const depsOn = (store: ReturnType<typeof createSqliteStore>, pepper?: string): Deps => ({
  store, contentCheck: contentPipeline(), now: () => new Date('2026-11-27T02:00:00Z'), newId: () => 'x', defaultTownshipId: 'fanggang',
  ...(pepper ? { pepper } : {}),
})

describe('the invitation pepper', () => {
  it('without INVITE_PEPPER, is made once and kept in settings (two instances agree)', async () => {
    const store = createSqliteStore({ file: ':memory:' })
    const [a, b] = await Promise.all([getPepper(depsOn(store)), getPepper(depsOn(store))])
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(b).toBe(a)
    expect(await store.get('settings', 'pepper')).toEqual({ _id: 'pepper', value: a })
    store.close()
  })

  it('with INVITE_PEPPER, uses it and stores nothing', async () => {
    const store = createSqliteStore({ file: ':memory:' })
    expect(await getPepper(depsOn(store, 'configured-pepper-123456'))).toBe('configured-pepper-123456')
    expect(await store.get('settings', 'pepper')).toBeNull()
    store.close()
  })
})

describe('codes and person handles', () => {
  it('hashes a code with the pepper (another pepper, another hash)', () => {
    expect(hashCode('p1', 'K7M2QX9P')).not.toBe(hashCode('p2', 'K7M2QX9P'))
    expect(hashCode('p1', 'K7M2QX9P')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('makes the same code for the same caller and request id, and fresh ones otherwise', () => {
    expect(makeCode('p', 'o1', 'req-00000001')).toBe(makeCode('p', 'o1', 'req-00000001'))
    expect(makeCode('p', 'o2', 'req-00000001')).not.toBe(makeCode('p', 'o1', 'req-00000001'))
    expect(makeCode('p', 'o1', undefined)).not.toBe(makeCode('p', 'o1', undefined))
  })

  it('hides the OPENID in a handle only this deployment can open', () => {
    const ref = personRef('p', 'oAbC-123')
    expect(ref).not.toContain('oAbC')
    expect(openidOfRef('p', ref)).toBe('oAbC-123')
    expect(openidOfRef('other-pepper', ref)).toBeNull()
    expect(openidOfRef('p', `${ref.slice(0, -2)}AA`)).toBeNull()
    expect(openidOfRef('p', 'short')).toBeNull()
  })
})
