import { APPLICATION_STATUSES, type ApplicationStatus } from '../../types/application'
import { APPLICATION_TRANSITIONS, applicationTransition, applyApplication, cellStateOf, emptyRating, levelOf, type ApplicationEvent } from '../../core/application-rules'
import { DomainError } from '../../core/errors'

const EVENTS: ApplicationEvent[] = ['edit', 'submit', 'return', 'recommend', 'approve', 'reject', 'revoke']

// Written out by hand: every (status, event) pair that is allowed, and where it leads. Everything else is refused.
const ALLOWED: Array<[ApplicationStatus, ApplicationEvent, ApplicationStatus]> = [
  ['draft', 'edit', 'draft'],
  ['draft', 'submit', 'submitted'],
  ['submitted', 'return', 'returned'],
  ['submitted', 'recommend', 'recommended'],
  ['returned', 'edit', 'returned'],
  ['returned', 'submit', 'submitted'],
  ['recommended', 'approve', 'approved'],
  ['recommended', 'reject', 'rejected'],
  ['approved', 'revoke', 'revoked'],
]

describe('application state machine', () => {
  const cases = APPLICATION_STATUSES.flatMap((s) => EVENTS.map((e) => [s, e] as const))
  it.each(cases)('%s + %s', (status, event) => {
    const allowed = ALLOWED.find(([s, e]) => s === status && e === event)
    if (allowed) expect(applicationTransition(status, event)).toBe(allowed[2])
    else {
      expect(() => applicationTransition(status, event)).toThrow(DomainError)
      try {
        applicationTransition(status, event)
      } catch (error) {
        expect((error as DomainError).code).toBe('CONFLICT')
      }
    }
  })
  it('the table holds exactly the allowed transitions', () => {
    const count = Object.values(APPLICATION_TRANSITIONS).reduce((n, t) => n + Object.keys(t).length, 0)
    expect(count).toBe(ALLOWED.length)
  })
})

describe('rating summary', () => {
  it('level counts approved stars, not revoked or recommended ones', () => {
    const r = emptyRating('fanggang', 'tiegou', 2026)
    applyApplication(r, 1, 'a1', 'approved')
    applyApplication(r, 2, 'a2', 'approved')
    applyApplication(r, 3, 'a3', 'recommended')
    applyApplication(r, 4, 'a4', 'approved')
    expect(r.level).toBe(3)
    applyApplication(r, 4, 'a4', 'revoked')
    expect(r.level).toBe(2)
    expect(levelOf(r)).toBe(2)
    expect(r.live).toEqual({ 1: 'a1', 2: 'a2', 3: 'a3', 4: null })
    expect(r.cells[4].state).toBe('revoked')
  })
  it('maps statuses to grid states', () => {
    expect([null, 'draft', 'submitted', 'returned', 'recommended', 'approved', 'rejected', 'revoked'].map((s) => cellStateOf(s as never))).toEqual([
      'none', 'none', 'reviewing', 'returned', 'recommended', 'approved', 'none', 'revoked',
    ])
  })
})
