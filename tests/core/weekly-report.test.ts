import {
  applicationWeeklyEvents, applyWeeklyEvents, behindCount, checklistWeeklyEvents, ledgerHistoryEvents, ledgerWeeklyEvents, monthFallingDueIn, orderRows,
  previousWeekKey, sumFigures, weekFromKey, weekOfInstant, type WeeklyTally,
} from '../../core/weekly-report'
import { emptyChecklistTally, moveChecklistTally } from '../../core/checklist-tally'
import type { LedgerEntry } from '../../types/ledger'
import type { ChecklistItem } from '../../types/checklist'
import type { Application } from '../../types/application'
import type { WeeklyFigures } from '../../types/weekly'

const entry = (over: Partial<LedgerEntry>) => ({ star: 3, status: 'submitted', createdAt: '2026-11-24T02:00:00.000Z', updatedAt: '2026-11-24T02:00:00.000Z', reviewedAt: null, ...over }) as LedgerEntry
const item = (over: Partial<ChecklistItem>) => ({ star: 3, status: 'awaiting', dueMonth: '2026-11', updatedAt: '2026-11-24T02:00:00.000Z', ...over }) as ChecklistItem
const zero: WeeklyFigures = { submitted: 0, verified: 0, returned: 0, checklistClosed: 0, checklistOverdue: 0, applicationsMoved: 0, behind: 0 }

describe('ISO weeks in China time', () => {
  it('names the week of an instant by the China day (Sunday 23:30 in Beijing is still that week)', () => {
    expect(weekOfInstant('2026-11-29T15:30:00.000Z')).toBe('2026-W48') // Sunday 23:30 in China
    expect(weekOfInstant('2026-11-29T16:30:00.000Z')).toBe('2026-W49') // Monday 00:30 in China
  })
  it('turns a key back into its days, across New Year', () => {
    expect(weekFromKey('2026-W48')).toMatchObject({ monday: '2026-11-23', sunday: '2026-11-29', month: '2026-11' })
    expect(weekFromKey('2026-W01')).toMatchObject({ monday: '2025-12-29', sunday: '2026-01-04' })
    expect(previousWeekKey('2026-W01')).toBe('2025-W52')
    expect(previousWeekKey('2027-W01')).toBe('2026-W53')
    expect(weekFromKey('2026-W53').key).toBe('2026-W53')
    expect(weekFromKey('2025-W53').key).not.toBe('2025-W53') // 2025 has 52 weeks: the action refuses such a key
  })
  it('knows which due month falls overdue within a week', () => {
    expect(monthFallingDueIn(weekFromKey('2026-W49'))).toBe('2026-11') // 30 Nov – 6 Dec holds 1 Dec
    expect(monthFallingDueIn(weekFromKey('2026-W48'))).toBeNull()
  })
})

describe('events of a write', () => {
  it('a ledger entry counts when created and when its status moves, not on an edit that keeps it', () => {
    const created = entry({})
    expect(ledgerWeeklyEvents(null, created)).toEqual([{ star: 3, counter: 'submitted', at: created.updatedAt }])
    expect(ledgerWeeklyEvents(created, { ...created, summary: 'x' })).toEqual([])
    expect(ledgerWeeklyEvents(created, { ...created, status: 'verified' })[0].counter).toBe('verified')
    expect(ledgerWeeklyEvents({ ...created, status: 'returned' }, { ...created, status: 'resubmitted' })[0].counter).toBe('submitted')
  })
  it('a seeded entry counts its submission and its review, each in its own week', () => {
    const e = entry({ status: 'verified', reviewedAt: '2026-12-01T02:00:00.000Z' })
    expect(ledgerHistoryEvents(e).map((x) => [x.counter, weekOfInstant(x.at)])).toEqual([['submitted', '2026-W48'], ['verified', '2026-W49']])
  })
  it('a checklist item of a star counts when accepted; village-wide items and re-writes of done ones do not', () => {
    expect(checklistWeeklyEvents(item({}), item({ status: 'done' }))).toHaveLength(1)
    expect(checklistWeeklyEvents(item({ status: 'done' }), item({ status: 'done', text: 'x' }))).toEqual([])
    expect(checklistWeeklyEvents(item({ star: null }), item({ star: null, status: 'done' }))).toEqual([])
  })
  it('an application counts each status change, not its creation as a draft', () => {
    const app = { star: 2, status: 'draft', updatedAt: '2026-11-24T02:00:00.000Z' } as Application
    expect(applicationWeeklyEvents(null, app)).toEqual([])
    expect(applicationWeeklyEvents(app, { ...app, status: 'submitted' })).toEqual([{ star: 2, counter: 'applicationsMoved', at: app.updatedAt }])
  })
})

describe('tallies and figures', () => {
  it('adds events by star', () => {
    let t: WeeklyTally = { _id: 'tiegou_2026-W48', townshipId: 'fanggang', villageId: 'tiegou', week: '2026-W48', stars: {} }
    t = applyWeeklyEvents(t, [{ star: 3, counter: 'submitted', at: '' }, { star: 3, counter: 'submitted', at: '' }, { star: 1, counter: 'verified', at: '' }])
    expect(t.stars[3]).toMatchObject({ submitted: 2, verified: 0 })
    expect(t.stars[1]).toMatchObject({ verified: 1 })
  })
  it('the checklist tally keeps open items by star and due month', () => {
    let t = moveChecklistTally(emptyChecklistTally('fangbei'), null, item({ status: 'open' }))
    t = moveChecklistTally(t, null, item({ status: 'open', star: null }))
    expect(t.openByStarMonth).toEqual({ '3|2026-11': 1 })
    t = moveChecklistTally(t, item({ status: 'open' }), item({ status: 'done' }))
    expect(t.openByStarMonth).toEqual({})
  })
  it('behind counts the criteria whose period ended without verified evidence', () => {
    expect(behindCount([{ status: 'overdue' }, { status: 'missing' }, { status: 'done' }, { status: 'overdue' }] as never)).toBe(2)
  })
  it('sums figures and lists villages with anything first, in the township order', () => {
    expect(sumFigures([{ ...zero, submitted: 2 }, { ...zero, submitted: 1, behind: 1 }])).toEqual({ ...zero, submitted: 3, behind: 1 })
    const rows = orderRows([
      { villageId: 'a', villageName: 'A', order: 0, current: zero, previous: zero },
      { villageId: 'b', villageName: 'B', order: 1, current: zero, previous: { ...zero, verified: 1 } },
      { villageId: 'c', villageName: 'C', order: 2, current: { ...zero, submitted: 1 }, previous: zero },
    ])
    expect(rows.map((r) => r.villageId)).toEqual(['b', 'c', 'a'])
  })
})
