import { LEDGER_TRANSITIONS, ledgerTransition, type LedgerEvent } from '../../core/ledger-rules'
import { CHECKLIST_TRANSITIONS, checklistTransition, isOverdue, type ChecklistEvent } from '../../core/checklist-rules'
import { applyEntry, emptyComplianceYear, evaluateMonth, yearsTouched } from '../../core/compliance'
import { criteriaFor, reviseCriteria } from '../../core/catalogue-rules'
import { isoWeekOf, weeksOfMonth } from '../../core/time'
import { LEDGER_STATUSES, type LedgerStatus } from '../../types/ledger'
import { CHECKLIST_STATUSES, type ChecklistStatus } from '../../types/checklist'
import type { Criterion } from '../../types/catalogue'
import { DomainError } from '../../core/errors'
import { ARTICLE_STANDARDS } from '../../backend/seed/standards'
import { makeLedgerEntry } from '../support/records-factories'

const attempt = <S>(fn: () => S): S | 'CONFLICT' => {
  try {
    return fn()
  } catch (error) {
    if (error instanceof DomainError && error.code === 'CONFLICT') return 'CONFLICT'
    throw error
  }
}

describe('ledger state machine', () => {
  // Written out by hand: from each status, what each event does.
  const EXPECTED: Record<LedgerStatus, Record<LedgerEvent, LedgerStatus | 'CONFLICT'>> = {
    submitted: { edit: 'submitted', verify: 'verified', return: 'returned' },
    returned: { edit: 'resubmitted', verify: 'CONFLICT', return: 'CONFLICT' },
    resubmitted: { edit: 'resubmitted', verify: 'verified', return: 'returned' },
    verified: { edit: 'CONFLICT', verify: 'CONFLICT', return: 'CONFLICT' },
  }
  const cases = LEDGER_STATUSES.flatMap((s) => (['edit', 'verify', 'return'] as const).map((e) => [s, e, EXPECTED[s][e]] as const))
  it.each(cases)('%s --%s--> %s', (status, event, expected) => {
    expect(attempt(() => ledgerTransition(status, event))).toBe(expected)
  })
  it('has no other transitions than the table above', () => {
    expect(Object.keys(LEDGER_TRANSITIONS).sort()).toEqual([...LEDGER_STATUSES].sort())
  })
})

describe('checklist state machine', () => {
  const EVENTS: ChecklistEvent[] = ['start', 'pause', 'edit', 'close', 'accept', 'reject']
  const EXPECTED: Record<ChecklistStatus, Partial<Record<ChecklistEvent, ChecklistStatus>>> = {
    open: { start: 'in_progress', edit: 'open', close: 'awaiting' },
    in_progress: { pause: 'open', edit: 'in_progress', close: 'awaiting' },
    awaiting: { accept: 'done', reject: 'open' },
    done: {},
  }
  const cases = CHECKLIST_STATUSES.flatMap((s) => EVENTS.map((e) => [s, e, EXPECTED[s][e] ?? 'CONFLICT'] as const))
  it.each(cases)('%s --%s--> %s', (status, event, expected) => {
    expect(attempt(() => checklistTransition(status, event))).toBe(expected)
  })
  it('matches the table in core', () => {
    expect(CHECKLIST_TRANSITIONS).toEqual(EXPECTED)
  })
  it.each<[ChecklistStatus, string, string, boolean]>([
    ['open', '2026-10', '2026-11', true],
    ['in_progress', '2026-10', '2026-11', true],
    ['awaiting', '2026-10', '2026-11', true],
    ['done', '2026-10', '2026-11', false],
    ['open', '2026-11', '2026-11', false],
    ['open', '2026-12', '2026-11', false],
  ])('overdue: %s due %s in %s → %s', (status, dueMonth, current, expected) => {
    expect(isOverdue({ status, dueMonth }, current)).toBe(expected)
  })
})

describe('ISO weeks in China time', () => {
  it.each([
    // A week counts toward the month holding its Thursday.
    ['2026-11-30', '2026-W49', '2026-11-30', '2026-12'], // Monday; Thursday is 3 Dec
    ['2026-11-29', '2026-W48', '2026-11-23', '2026-11'], // Sunday
    ['2026-01-01', '2026-W01', '2025-12-29', '2026-01'], // Thursday 1 Jan: week 1 of 2026
    ['2025-12-29', '2026-W01', '2025-12-29', '2026-01'], // its Monday, still in 2025
    ['2027-01-01', '2026-W53', '2026-12-28', '2026-12'], // Friday 1 Jan 2027 belongs to 2026's last week
    ['2027-01-03', '2026-W53', '2026-12-28', '2026-12'],
    ['2027-01-04', '2027-W01', '2027-01-04', '2027-01'],
    ['2028-02-29', '2028-W09', '2028-02-28', '2028-03'], // leap day; Thursday 2 Mar
  ])('%s is in %s (Monday %s), counted in %s', (day, key, monday, month) => {
    const week = isoWeekOf(day)
    expect([week.key, week.monday, week.month]).toEqual([key, monday, month])
  })
  it.each([
    ['2026-11', ['2026-W45', '2026-W46', '2026-W47', '2026-W48']],
    ['2026-12', ['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53']],
    ['2026-01', ['2026-W01', '2026-W02', '2026-W03', '2026-W04', '2026-W05']],
  ])('the weeks of %s', (month, keys) => {
    expect(weeksOfMonth(month).map((w) => w.key)).toEqual(keys)
  })
})

const monthly: Criterion = { id: 'm', star: 4, title: '防电诈教育', description: '', rule: { kind: 'monthly', activityType: '防电诈教育' } }
const weekly: Criterion = { id: 'w', star: 1, title: '集中学习', description: '', rule: { kind: 'weekly', activityType: '集中学习', perWeek: 2 } }
const yearly: Criterion = { id: 'y', star: 4, title: '防汛应急演练', description: '', rule: { kind: 'yearly', activityType: '防汛应急演练' } }
const figure: Criterion = { id: 'f', star: 2, title: '集体经济', description: '', rule: { kind: 'figure', activityType: '集体经济收入', threshold: 100000, unit: '元' } }

function summaryOf(entries: Array<Parameters<typeof makeLedgerEntry>[0]>, year = 2026) {
  const summary = emptyComplianceYear('fanggang', 'tiegou', year)
  for (const e of entries) {
    const entry = makeLedgerEntry(e)
    if (yearsTouched(entry).includes(year)) applyEntry(summary, entry, 1)
  }
  return summary
}
const statusOf = (criterion: Criterion, summary: ReturnType<typeof summaryOf> | null, month: string, today: string) =>
  evaluateMonth([criterion], summary, month, today)[0].status

describe('monthly compliance', () => {
  it.each<[string, Parameters<typeof makeLedgerEntry>[0][], string, string, string]>([
    ['nothing yet, month running', [], '2026-11', '2026-11-27', 'missing'],
    ['nothing, month ended', [], '2026-10', '2026-11-01', 'overdue'],
    ['submitted', [{ status: 'submitted' }], '2026-11', '2026-11-27', 'pending'],
    ['returned still counts as awaiting', [{ status: 'returned' }], '2026-11', '2026-11-27', 'pending'],
    ['verified', [{ status: 'verified' }], '2026-11', '2026-11-27', 'done'],
    ['an entry of 30 Nov counts for November', [{ status: 'verified', date: '2026-11-30' }], '2026-11', '2026-12-01', 'done'],
    ['an entry of 1 Dec does not count for November', [{ status: 'verified', date: '2026-12-01' }], '2026-11', '2026-12-01', 'overdue'],
    ['another type does not count', [{ status: 'verified', activityType: '安全生产教育' }], '2026-11', '2026-11-27', 'missing'],
  ])('%s', (_label, entries, month, today, expected) => {
    expect(statusOf(monthly, summaryOf(entries), month, today)).toBe(expected)
  })

  it('removing a weight undoes adding it (an edit moves an entry between months)', () => {
    const summary = summaryOf([])
    const before = makeLedgerEntry({ status: 'submitted', date: '2026-10-31' })
    applyEntry(summary, before, 1)
    applyEntry(summary, before, -1)
    applyEntry(summary, makeLedgerEntry({ status: 'resubmitted', date: '2026-11-02' }), 1)
    expect(statusOf(monthly, summary, '2026-10', '2026-11-27')).toBe('overdue')
    expect(statusOf(monthly, summary, '2026-11', '2026-11-27')).toBe('pending')
  })
})

describe('weekly compliance (2 a week, weeks counted toward the month of their Thursday)', () => {
  const twice = (days: string[]) => days.map((date) => ({ status: 'verified' as const, activityType: '集中学习', date }))
  const november = ['2026-11-02', '2026-11-04', '2026-11-09', '2026-11-11', '2026-11-16', '2026-11-18', '2026-11-23', '2026-11-25']
  it('every week of November twice: done', () => {
    expect(statusOf(weekly, summaryOf(twice(november)), '2026-11', '2026-11-30')).toBe('done')
  })
  it('the week of Monday 30 Nov belongs to December (its Thursday is 3 Dec)', () => {
    const s = summaryOf(twice([...november.slice(0, 6), '2026-11-30', '2026-12-01']))
    expect(statusOf(weekly, s, '2026-11', '2026-12-01')).toBe('overdue') // W48 (23–29 Nov) missed
    expect(evaluateMonth([weekly], s, '2026-12', '2026-12-01')[0].detail).toContain('1/5')
  })
  it('a week still running is missing, not overdue', () => {
    expect(statusOf(weekly, summaryOf(twice(november.slice(0, 6))), '2026-11', '2026-11-25')).toBe('missing')
  })
  it('one study in a week is not enough', () => {
    expect(statusOf(weekly, summaryOf(twice(november.slice(0, 7))), '2026-11', '2026-11-30')).toBe('overdue')
  })
  it('entries of 1–3 Jan 2027 count toward December 2026 (the 2026 summary)', () => {
    const days = ['2026-11-30', '2026-12-01', '2026-12-07', '2026-12-08', '2026-12-14', '2026-12-15', '2026-12-21', '2026-12-22', '2027-01-01', '2027-01-02']
    expect(yearsTouched(makeLedgerEntry({ date: '2027-01-02' }))).toEqual([2027, 2026])
    expect(statusOf(weekly, summaryOf(twice(days), 2026), '2026-12', '2027-01-04')).toBe('done')
  })
})

describe('yearly and figure criteria', () => {
  it('a drill in June satisfies every month of the year', () => {
    const s = summaryOf([{ status: 'verified', activityType: '防汛应急演练', date: '2026-06-18' }])
    expect(statusOf(yearly, s, '2026-03', '2026-11-27')).toBe('done')
    expect(statusOf(yearly, summaryOf([]), '2026-11', '2026-11-27')).toBe('missing')
    expect(statusOf(yearly, summaryOf([]), '2025-11', '2026-01-01')).toBe('overdue')
  })
  it('a figure is done at or above its threshold, only once verified', () => {
    const at = (value: number, status: 'verified' | 'submitted') => summaryOf([{ status, activityType: '集体经济收入', figure: value }])
    expect(statusOf(figure, at(100000, 'verified'), '2026-11', '2026-11-27')).toBe('done')
    expect(statusOf(figure, at(99999, 'verified'), '2026-11', '2026-11-27')).toBe('missing')
    expect(statusOf(figure, at(150000, 'submitted'), '2026-11', '2026-11-27')).toBe('pending')
  })
})

describe('catalogue revisions', () => {
  const base = { year: 2026, revisions: [{ effectiveFrom: '2026-01', criteria: ARTICLE_STANDARDS }] }
  const edited = ARTICLE_STANDARDS.map((c) => (c.id === 's1-xuexi' ? { ...c, rule: { kind: 'weekly' as const, activityType: '集中学习', perWeek: 3 } } : c))
  it('an edit applies from the current month; ended months keep the rule they were evaluated with', () => {
    const revisions = reviseCriteria(base, edited, '2026-11')
    expect(criteriaFor({ revisions }, '2026-10')).toBe(ARTICLE_STANDARDS)
    expect(criteriaFor({ revisions }, '2026-11')).toBe(edited)
    expect(criteriaFor({ revisions }, '2026-12')).toBe(edited)
  })
  it('a year not begun is replaced whole; a year ended is left alone', () => {
    expect(reviseCriteria(base, edited, '2025-12')).toEqual([{ effectiveFrom: '2026-01', criteria: edited }])
    expect(reviseCriteria(base, edited, '2027-02')).toBe(base.revisions)
  })
  it('the seeded standards cover the five stars and the seven 平安法治 items', () => {
    expect(new Set(ARTICLE_STANDARDS.map((c) => c.star))).toEqual(new Set([1, 2, 3, 4, 5]))
    expect(ARTICLE_STANDARDS.filter((c) => c.star === 4)).toHaveLength(7)
  })
})
