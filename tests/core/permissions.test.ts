import { PERMISSIONS, authorize, holdsVillageRole, type Permission } from '../../core/permissions'
import { effectiveGrants, type Caller } from '../../core/caller'
import { DomainError } from '../../core/errors'
import { ACTION_NAMES, type ActionName } from '../../types/api'
import { makeCaller } from '../support/factories'

const VILLAGE = 'tiegou'
const OTHER_VILLAGE = 'liugang'

/** The callers the permission table is about, shaped like the seeded demo people. */
const CALLERS = {
  anonymous: { openid: null, person: null } as Caller,
  stranger: { openid: 'first-visit', person: null } as Caller,
  villager: makeCaller([], VILLAGE, 'villager'),
  otherCadre: makeCaller([{ role: 'cadre', villageId: OTHER_VILLAGE }], OTHER_VILLAGE, 'other-cadre'),
  cadre: makeCaller([{ role: 'cadre', villageId: VILLAGE }], VILLAGE, 'cadre'),
  secretary: makeCaller([{ role: 'secretary', villageId: VILLAGE }, { role: 'cadre', villageId: VILLAGE }], VILLAGE, 'secretary'),
  taskforce: makeCaller([{ role: 'taskforce', star: 3 }], null, 'taskforce'),
  leader: makeCaller([{ role: 'leader' }], null, 'leader'),
  admin: makeCaller([{ role: 'admin' }], null, 'admin'),
}
type Who = keyof typeof CALLERS
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN'

function outcome(permission: Permission, caller: Caller, target = { villageId: VILLAGE, townshipId: 'fanggang' }): Outcome {
  try {
    authorize(permission, caller, target)
    return 'ok'
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN')) return error.code
    throw error
  }
}

const everyone: Record<Who, Outcome> = {
  anonymous: 'ok', stranger: 'ok', villager: 'ok', otherCadre: 'ok', cadre: 'ok', secretary: 'ok', taskforce: 'ok', leader: 'ok', admin: 'ok',
}
const signedIn: Record<Who, Outcome> = { ...everyone, anonymous: 'UNAUTHENTICATED' }
const nobody: Record<Who, Outcome> = {
  anonymous: 'UNAUTHENTICATED', stranger: 'FORBIDDEN', villager: 'FORBIDDEN', otherCadre: 'FORBIDDEN', cadre: 'FORBIDDEN',
  secretary: 'FORBIDDEN', taskforce: 'FORBIDDEN', leader: 'FORBIDDEN', admin: 'FORBIDDEN',
}
const villageCadres = { ...nobody, cadre: 'ok', secretary: 'ok' } as const
const villageSecretary = { ...nobody, secretary: 'ok' } as const
const townshipAdmin = { ...nobody, admin: 'ok' } as const
// The village's secretary, or the township's leaders and admins (who may do what within that is core/grant-rules.ts).
const roleManagers = { ...nobody, secretary: 'ok', leader: 'ok', admin: 'ok' } as const
// The village's cadres are bound to it as villagers too, so they may object like any villager.
const villageVillagers = { ...nobody, villager: 'ok', cadre: 'ok', secretary: 'ok' } as const
const adminOnly = { ...nobody, admin: 'ok' } as const
const townshipLeaders = { ...nobody, leader: 'ok', admin: 'ok' } as const
// 定期调阅: the village's cadres, and every leader, admin and task force of the township.
const ledgerReaders = { ...villageCadres, taskforce: 'ok', leader: 'ok', admin: 'ok' } as const
const villageCadresOrLeaders = { ...villageCadres, leader: 'ok', admin: 'ok' } as const

/** Who may do what to 帖沟村, written out by hand (not read from the table under test). */
const EXPECTED: Record<ActionName, Record<Who, Outcome>> = {
  'village.list': everyone,
  'village.update': townshipAdmin,
  'township.list': everyone,
  // Only the deployment's admins (ADMIN_OPENIDS); none of these callers is one.
  'township.create': nobody,
  'invite.create': roleManagers,
  'invite.redeem': signedIn,
  'invite.cancel': roleManagers,
  'invite.list': roleManagers,
  'role.list': roleManagers,
  'role.revoke': roleManagers,
  'me.get': everyone,
  'me.bindVillage': signedIn,
  'notice.draft': villageCadres,
  'notice.listDrafts': { ...villageCadres, leader: 'ok' },
  'notice.review': { ...villageSecretary, leader: 'ok' },
  'notice.markRectified': villageCadres,
  'board.get': everyone,
  'board.listDates': everyone,
  'objection.create': villageVillagers,
  'objection.listOpen': villageSecretary,
  'objection.decide': villageSecretary,
  // Everyone signed in has an inbox; the handlers only ever touch the caller's own entries.
  'inbox.list': signedIn,
  'inbox.markRead': signedIn,
  'inbox.unreadCount': signedIn,
  'subscription.record': signedIn,
  'catalogue.get': everyone,
  'catalogue.update': adminOnly,
  'catalogue.copyYear': adminOnly,
  'target.set': townshipLeaders,
  'target.list': everyone,
  'ledger.create': villageCadres,
  'ledger.update': villageCadres,
  // Star-scoped: this target names no star, so nobody; see 'star-scoped actions' below.
  'ledger.review': nobody,
  'ledger.get': ledgerReaders,
  'ledger.list': ledgerReaders,
  'compliance.get': ledgerReaders,
  'checklist.create': villageCadresOrLeaders,
  'checklist.import': villageCadresOrLeaders,
  'checklist.update': villageCadresOrLeaders,
  'checklist.close': villageCadres,
  // A village-wide item (no star): its village's secretary.
  'checklist.review': villageSecretary,
  'checklist.list': ledgerReaders,
  'export.ledger': ledgerReaders,
  'export.checklist': ledgerReaders,
  'application.create': villageCadres,
  'application.update': villageCadres,
  'application.submit': villageSecretary,
  // Star-scoped: this target names no star, so nobody; see 'star-scoped actions' below.
  'application.review': nobody,
  'application.decide': { ...nobody, leader: 'ok' },
  'application.revoke': { ...nobody, leader: 'ok' },
  'application.get': ledgerReaders,
  'application.list': ledgerReaders,
  'rating.get': everyone,
  // With a villageId (this target): the village's cadres too; the township grid names no village.
  'dashboard.get': ledgerReaders,
  'export.dashboard': { ...nobody, taskforce: 'ok', leader: 'ok', admin: 'ok' },
  'audit.list': ledgerReaders,
  // 季度观摩: scorers are the township's leaders and village secretaries (own village refused by the handler, not the table).
  'tour.create': { ...nobody, leader: 'ok' },
  'tour.score': { ...nobody, leader: 'ok', secretary: 'ok' },
  'tour.close': { ...nobody, leader: 'ok' },
  'tour.get': { ...nobody, leader: 'ok', secretary: 'ok', admin: 'ok', taskforce: 'ok' },
  'tour.list': { ...nobody, leader: 'ok', secretary: 'ok', admin: 'ok', taskforce: 'ok' },
  'tour.toChecklist': { ...nobody, leader: 'ok' },
  'export.tour': { ...nobody, leader: 'ok', admin: 'ok', taskforce: 'ok' },
  'award.nominate': villageCadres,
  'award.confirm': { ...nobody, secretary: 'ok', leader: 'ok' },
  'award.list': everyone,
  // Without a star in the target the task forces' star rule does not apply (see the star test below).
  'report.weekly': townshipLeaders,
  'report.close': nobody,
  'export.weekly': townshipLeaders,
  'contact.set': townshipLeaders,
  'contact.list': everyone,
  'contact.attendance': { ...nobody, taskforce: 'ok', leader: 'ok', admin: 'ok' },
}

describe('star-scoped actions', () => {
  const starTarget = (star: 3 | 4, townshipId = 'fanggang') => ({ townshipId, star })
  it('report.weekly / report.close: the star\'s own 专班 reads and closes its week; leaders read but do not close', () => {
    expect(outcome(PERMISSIONS['report.weekly'], CALLERS.taskforce, starTarget(3) as never)).toBe('ok')
    expect(outcome(PERMISSIONS['report.close'], CALLERS.taskforce, starTarget(3) as never)).toBe('ok')
    expect(outcome(PERMISSIONS['report.close'], CALLERS.taskforce, starTarget(4) as never)).toBe('FORBIDDEN')
    expect(outcome(PERMISSIONS['report.weekly'], CALLERS.taskforce, starTarget(3, 'other-township') as never)).toBe('FORBIDDEN')
    expect(outcome(PERMISSIONS['report.close'], CALLERS.leader, starTarget(3) as never)).toBe('FORBIDDEN')
    expect(outcome(PERMISSIONS['report.weekly'], CALLERS.leader, starTarget(3) as never)).toBe('ok')
  })

  it('ledger.review: only the task force of the entry\'s star, in its own township', () => {
    expect(outcome(PERMISSIONS['ledger.review'], CALLERS.taskforce, { ...starTarget(3), villageId: VILLAGE })).toBe('ok')
    expect(outcome(PERMISSIONS['ledger.review'], CALLERS.taskforce, { ...starTarget(4), villageId: VILLAGE })).toBe('FORBIDDEN')
    expect(outcome(PERMISSIONS['ledger.review'], CALLERS.taskforce, { ...starTarget(3, 'other-township'), villageId: VILLAGE })).toBe('FORBIDDEN')
    for (const who of ['secretary', 'leader', 'admin', 'cadre'] as const) {
      expect(outcome(PERMISSIONS['ledger.review'], CALLERS[who], { ...starTarget(3), villageId: VILLAGE })).toBe('FORBIDDEN')
    }
  })
  it('application.review: only the task force of the application\'s star, in its own township', () => {
    expect(outcome(PERMISSIONS['application.review'], CALLERS.taskforce, { ...starTarget(3), villageId: VILLAGE })).toBe('ok')
    expect(outcome(PERMISSIONS['application.review'], CALLERS.taskforce, { ...starTarget(4), villageId: VILLAGE })).toBe('FORBIDDEN')
    expect(outcome(PERMISSIONS['application.review'], CALLERS.taskforce, { ...starTarget(3, 'other-township'), villageId: VILLAGE })).toBe('FORBIDDEN')
    for (const who of ['leader', 'admin', 'secretary', 'cadre'] as const) {
      expect(outcome(PERMISSIONS['application.review'], CALLERS[who], { ...starTarget(3), villageId: VILLAGE })).toBe('FORBIDDEN')
    }
  })
  it('dashboard.get of the township (no village): leaders, admins and task forces, not a village\'s cadres', () => {
    expect(outcome(PERMISSIONS['dashboard.get'], CALLERS.leader, { townshipId: 'fanggang' } as never)).toBe('ok')
    expect(outcome(PERMISSIONS['dashboard.get'], CALLERS.taskforce, { townshipId: 'fanggang' } as never)).toBe('ok')
    expect(outcome(PERMISSIONS['dashboard.get'], CALLERS.secretary, { townshipId: 'fanggang' } as never)).toBe('FORBIDDEN')
  })
  it('checklist.review of a star\'s item (target names the star, not the village): its task force, not the secretary', () => {
    expect(outcome(PERMISSIONS['checklist.review'], CALLERS.taskforce, starTarget(3) as never)).toBe('ok')
    expect(outcome(PERMISSIONS['checklist.review'], CALLERS.secretary, starTarget(3) as never)).toBe('FORBIDDEN')
  })
})

describe('authorize', () => {
  it('has a row for every action', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ACTION_NAMES].sort())
  })

  describe.each(ACTION_NAMES)('%s', (action) => {
    it.each(Object.keys(CALLERS) as Who[])('%s', (who) => {
      expect(outcome(PERMISSIONS[action], CALLERS[who])).toBe(EXPECTED[action][who])
    })
  })

  it('refuses a cadre acting on another village', () => {
    expect(outcome(PERMISSIONS['notice.draft'], CALLERS.cadre, { villageId: OTHER_VILLAGE, townshipId: 'fanggang' })).toBe('FORBIDDEN')
  })

  it('refuses a village-scoped action whose target names no village', () => {
    expect(outcome(PERMISSIONS['notice.draft'], CALLERS.cadre, { townshipId: 'fanggang' } as never)).toBe('FORBIDDEN')
  })

  it('explains a refusal in Chinese', () => {
    expect(() => authorize(PERMISSIONS['notice.review'], CALLERS.cadre, { villageId: VILLAGE })).toThrow('仅本村党支部书记可以操作')
  })

  describe('deployment admins (ADMIN_OPENIDS)', () => {
    const deploymentAdmin: Caller = { openid: 'county-admin', person: null, deploymentAdmin: true }

    it('may create townships, which a township admin may not', () => {
      expect(outcome(PERMISSIONS['township.create'], deploymentAdmin)).toBe('ok')
      expect(outcome(PERMISSIONS['township.create'], CALLERS.admin)).toBe('FORBIDDEN')
    })

    it('pass every rule naming admins, in any township', () => {
      expect(outcome(PERMISSIONS['invite.create'], deploymentAdmin, { villageId: VILLAGE, townshipId: 'shenhou' })).toBe('ok')
      expect(outcome(PERMISSIONS['notice.draft'], deploymentAdmin)).toBe('FORBIDDEN')
    })
  })

  describe('star scope', () => {
    const starPermission: Permission = { who: 'roles', rules: [{ roles: ['taskforce'], scope: 'star' }] }

    it('lets a task-force member act on their own star', () => {
      expect(() => authorize(starPermission, CALLERS.taskforce, { star: 3, townshipId: 'fanggang' })).not.toThrow()
    })

    it('refuses a task-force member acting on another star', () => {
      expect(() => authorize(starPermission, CALLERS.taskforce, { star: 2, townshipId: 'fanggang' })).toThrow(DomainError)
    })

    it('refuses a task-force member acting on their star in another township', () => {
      expect(() => authorize(starPermission, CALLERS.taskforce, { star: 3, townshipId: 'shenhou' })).toThrow(DomainError)
    })
  })

  describe('several rules', () => {
    const secretaryOrLeader: Permission = {
      who: 'roles',
      rules: [{ roles: ['secretary'], scope: 'village' }, { roles: ['leader'], scope: 'township' }],
    }
    const target = { villageId: VILLAGE, townshipId: 'fanggang' }

    it('lets the village secretary act under the first rule', () => {
      expect(outcome(secretaryOrLeader, CALLERS.secretary, target)).toBe('ok')
    })

    it('lets a leader of the township act under the second rule', () => {
      expect(outcome(secretaryOrLeader, CALLERS.leader, target)).toBe('ok')
    })

    it('refuses a leader of another township and a cadre of the village', () => {
      expect(outcome(secretaryOrLeader, CALLERS.leader, { villageId: VILLAGE, townshipId: 'shenhou' })).toBe('FORBIDDEN')
      expect(outcome(secretaryOrLeader, CALLERS.cadre, target)).toBe('FORBIDDEN')
    })
  })

  describe('township scope', () => {
    const leaderPermission: Permission = { who: 'roles', rules: [{ roles: ['leader'], scope: 'township' }] }

    it('lets a leader act in their township', () => {
      expect(() => authorize(leaderPermission, CALLERS.leader, { townshipId: 'fanggang' })).not.toThrow()
    })

    it('refuses a leader acting in another township', () => {
      expect(() => authorize(leaderPermission, CALLERS.leader, { townshipId: 'shenhou' })).toThrow(DomainError)
    })
  })
})

describe('effectiveGrants', () => {
  it('adds the villager grant of the chosen village', () => {
    expect(effectiveGrants(CALLERS.villager.person)).toEqual([{ role: 'villager', villageId: VILLAGE }])
  })

  it('has no grants for an unknown person', () => {
    expect(effectiveGrants(null)).toEqual([])
  })
})

describe('holdsVillageRole', () => {
  it('is true for the village cadre', () => {
    expect(holdsVillageRole(CALLERS.cadre, ['cadre', 'secretary'], VILLAGE)).toBe(true)
  })

  it('is false for a cadre of another village', () => {
    expect(holdsVillageRole(CALLERS.otherCadre, ['cadre', 'secretary'], VILLAGE)).toBe(false)
  })

  it('is false for a villager', () => {
    expect(holdsVillageRole(CALLERS.villager, ['cadre', 'secretary'], VILLAGE)).toBe(false)
  })
})
