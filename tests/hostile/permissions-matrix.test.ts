import { actions, type ActionName } from '../../types/api'
import { PERMISSIONS, type Permission } from '../../core/permissions'
import { chinaDay } from '../../core/time'
import { makeTestApp } from '../support/app-harness'
import { CALLERS, PAYLOADS, TARGETS, expectedByTable, idSource, plantCallers, type FixtureTarget } from '../support/action-fixtures'

// Every action × every caller × a target in 帖沟村 and one in 刘岗村, through the router. What is
// expected is worked out from PERMISSIONS and what each caller is stated to hold (expectedByTable
// in tests/support/action-fixtures.ts) — not by calling `authorize` — so the table, the router and
// the handlers' `target` functions are all under test.

const actionNames = Object.keys(actions).sort() as ActionName[]
const counts = { cases: 0, allowed: 0, refused: 0 }

describe('the permission table', () => {
  it('has exactly one row per action of the contract', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(actionNames)
  })

  it('has a payload factory for every action (an action without one cannot be walked)', () => {
    expect(Object.keys(PAYLOADS).sort()).toEqual(actionNames)
  })

  it('names only the roles and scopes the matrix knows', () => {
    for (const name of actionNames) {
      const permission: Permission | undefined = (PERMISSIONS as Record<string, Permission>)[name]
      expect(permission).toBeDefined()
      if (permission?.who === 'roles') {
        expect(permission.rules.length).toBeGreaterThan(0)
        for (const rule of permission.rules) {
          expect(rule.roles.length).toBeGreaterThan(0)
          expect(['village', 'star', 'township']).toContain(rule.scope)
        }
      } else {
        expect(['anyone', 'signedIn', 'deploymentAdmin']).toContain(permission?.who)
      }
    }
  })
})

describe.each(actionNames)('%s', (action) => {
  const permission: Permission | undefined = (PERMISSIONS as Record<string, Permission>)[action]
  const factory = (PAYLOADS as Record<string, (typeof PAYLOADS)[ActionName] | undefined>)[action]

  it.each(CALLERS.map((c) => [c.label, c] as const))('as %s', async (_label, caller) => {
    if (!permission) throw new Error(`${action} has no row in PERMISSIONS (core/permissions.ts)`)
    if (!factory) throw new Error(`${action} has no payload factory in tests/support/action-fixtures.ts`)
    // A fresh database per caller: an allowed call (me.bindVillage) may change who the caller is.
    const app = await makeTestApp()
    try {
      await plantCallers(app.store)
      const ctx = { store: app.store, now: app.clock.now, today: chinaDay(app.clock.now), nextId: idSource() }
      for (const target of TARGETS) {
        const expected = expectedByTable(permission, caller, target)
        const data = await (factory as (c: typeof ctx, t: FixtureTarget) => Promise<unknown>)(ctx, target)
        const before = app.store.snapshot()
        const response = await app.callRaw(caller.openid, { action, data })
        const seen = response.ok ? 'allowed' : response.error.code
        const where = `${action} as ${caller.label} on ${target.label}`
        if (seen !== expected) {
          throw new Error(`${where}: expected ${expected}, got ${response.ok ? 'ok' : JSON.stringify(response.error)}`)
        }
        counts.cases++
        if (expected === 'allowed') {
          counts.allowed++
        } else {
          counts.refused++
          // A refused call changed nothing at all: every stored row byte for byte (one string compare;
          // a deep toEqual of the whole seeded database cost ~100 ms per case). The rows are parsed
          // only to show a difference.
          const after = app.store.snapshot()
          if (after !== before) expect({ where, rows: JSON.parse(after) }).toEqual({ where, rows: JSON.parse(before) })
        }
      }
    } finally {
      app.close()
    }
  })
})

afterAll(() => {
  // eslint-disable-next-line no-console
  console.log(`permission matrix: ${counts.cases} cases (${counts.allowed} allowed, ${counts.refused} refused) over ${actionNames.length} actions × ${CALLERS.length} callers × ${TARGETS.length} targets`)
})
