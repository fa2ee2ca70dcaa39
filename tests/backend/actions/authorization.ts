import type { ActionInput, ActionName } from '../../../types/api'
import { DEMO, makeTestApp, type TestApp } from '../../support/app-harness'
import { insertOtherVillageCadre } from '../../support/factories'

/** The callers every action's authorization is checked against. */
export const WHO = ['anonymous', 'villager', 'otherVillageCadre', 'cadre', 'secretary', 'taskforce', 'leader'] as const
export type Who = (typeof WHO)[number]
export type Verdict = 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED'

export async function openidOf(app: TestApp, who: Who): Promise<string | null> {
  switch (who) {
    case 'anonymous':
      return null
    case 'otherVillageCadre':
      return insertOtherVillageCadre(app)
    default:
      return DEMO[who]
  }
}

export const EVERYONE: Record<Who, Verdict> = {
  anonymous: 'allowed', villager: 'allowed', otherVillageCadre: 'allowed', cadre: 'allowed', secretary: 'allowed', taskforce: 'allowed', leader: 'allowed',
}
const NOBODY: Record<Who, Verdict> = {
  anonymous: 'UNAUTHENTICATED', villager: 'FORBIDDEN', otherVillageCadre: 'FORBIDDEN', cadre: 'FORBIDDEN', secretary: 'FORBIDDEN', taskforce: 'FORBIDDEN', leader: 'FORBIDDEN',
}
export const SIGNED_IN: Record<Who, Verdict> = { ...EVERYONE, anonymous: 'UNAUTHENTICATED' }
export const VILLAGE_CADRES: Record<Who, Verdict> = { ...NOBODY, cadre: 'allowed', secretary: 'allowed' }
export const VILLAGE_SECRETARY: Record<Who, Verdict> = { ...NOBODY, secretary: 'allowed' }
/** 帖沟村's cadres chose 帖沟村 as their village, so they may object like any of its villagers. */
export const VILLAGE_VILLAGERS: Record<Who, Verdict> = { ...NOBODY, villager: 'allowed', cadre: 'allowed', secretary: 'allowed' }

/**
 * `describe('authorization')` for one action: each caller gets a fresh app, `payload` prepares what
 * the call is about (through the router, as the demo people), and a refused call must leave every
 * collection exactly as it was.
 */
export function describeAuthorization<A extends ActionName>(
  action: A,
  payload: (app: TestApp) => Promise<ActionInput<A>>,
  expected: Record<Who, Verdict>,
): void {
  describe('authorization', () => {
    let app: TestApp
    afterEach(() => app?.close())

    it.each(WHO.map((who) => [who, expected[who]] as const))('%s: %s', async (who, verdict) => {
      app = await makeTestApp()
      const openid = await openidOf(app, who)
      const data = await payload(app)
      const before = app.store.dump()

      const response = await app.call(openid, action, data)

      if (verdict === 'allowed') {
        expect(response).toEqual({ ok: true, data: expect.anything() })
        return
      }
      expect(response).toEqual({ ok: false, error: { code: verdict, message: expect.any(String) } })
      expect(app.store.dump()).toEqual(before)
    })
  })
}
