import {
  CRITICISM_PUBLIC_DAYS,
  MAX_DAYS_AHEAD,
  checkObjectable,
  checkObjectionDecider,
  checkPublishDate,
  checkRectifiable,
  isPubliclyVisible,
  maskName,
  reviewOutcome,
  toBoardEntry,
} from '../../core/notice-rules'
import { DomainError } from '../../core/errors'
import { addDays } from '../../core/time'
import { DEMO } from '../support/app-harness'
import { makeCriticism, makeNotice } from '../support/factories'

/** The code of the DomainError `fn` throws, or 'none'. */
function refusal(fn: () => unknown): string {
  try {
    fn()
    return 'none'
  } catch (error) {
    if (error instanceof DomainError) return error.code
    throw error
  }
}

const BOARD_DAY = '2026-11-20'

describe('maskName', () => {
  it.each([
    ['张三', '张某'],
    ['王建军', '王某某'],
    ['欧阳娜娜', '欧某某某'],
    ['李', '李某'],
    [' 赵国庆 ', '赵某某'],
    ['𠀀三', '𠀀某'],
    ['', '某某'],
    ['   ', '某某'],
  ])('masks %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })

  it('never shows more than the first character', () => {
    const masked = maskName('赵国庆')
    expect(masked).not.toContain('国')
    expect(masked).not.toContain('庆')
  })
})

describe('isPubliclyVisible', () => {
  it.each(Array.from({ length: CRITICISM_PUBLIC_DAYS }, (_, day) => day))('shows a criticism on day %i after its board', (day) => {
    expect(isPubliclyVisible(makeCriticism({ boardDate: BOARD_DAY }), addDays(BOARD_DAY, day))).toBe(true)
  })

  it('takes a criticism off the public board on day 7', () => {
    expect(isPubliclyVisible(makeCriticism({ boardDate: BOARD_DAY }), addDays(BOARD_DAY, 7))).toBe(false)
  })

  it('hides a criticism while an objection is open', () => {
    expect(isPubliclyVisible(makeCriticism({ boardDate: BOARD_DAY, openObjections: 1 }), BOARD_DAY)).toBe(false)
  })

  it('shows a praise however old it is', () => {
    expect(isPubliclyVisible(makeNotice({ boardDate: BOARD_DAY }), addDays(BOARD_DAY, 365))).toBe(true)
  })

  it.each(['pending', 'approved', 'rejected', 'withdrawn'] as const)('never shows a %s notice', (status) => {
    expect(isPubliclyVisible(makeNotice({ status, boardDate: BOARD_DAY }), BOARD_DAY)).toBe(false)
    expect(isPubliclyVisible(makeCriticism({ status, boardDate: BOARD_DAY }), BOARD_DAY)).toBe(false)
  })
})

describe('reviewOutcome', () => {
  const pending = { status: 'pending' as const, draftedBy: DEMO.cadre }

  it('approves a criticism when someone other than its drafter approves', () => {
    expect(reviewOutcome(makeCriticism(pending), DEMO.secretary, 'approve')).toBe('approved')
  })

  it('refuses the drafter approving their own criticism', () => {
    expect(refusal(() => reviewOutcome(makeCriticism(pending), DEMO.cadre, 'approve'))).toBe('FORBIDDEN')
  })

  it('lets the drafter approve their own praise (only criticism needs a second person)', () => {
    expect(reviewOutcome(makeNotice(pending), DEMO.cadre, 'approve')).toBe('approved')
  })

  it('lets the drafter reject their own criticism', () => {
    expect(reviewOutcome(makeCriticism(pending), DEMO.cadre, 'reject')).toBe('rejected')
  })

  it.each(['approved', 'rejected', 'published', 'withdrawn'] as const)('refuses to review a %s notice again', (status) => {
    expect(refusal(() => reviewOutcome(makeNotice({ status }), DEMO.secretary, 'approve'))).toBe('CONFLICT')
  })
})

describe('checkPublishDate', () => {
  const today = '2026-11-27'

  it.each([
    ['today', today],
    ['tomorrow', addDays(today, 1)],
    [`${MAX_DAYS_AHEAD} days ahead`, addDays(today, MAX_DAYS_AHEAD)],
  ])('accepts %s', (_label, day) => {
    expect(refusal(() => checkPublishDate(day, today))).toBe('none')
  })

  it.each([
    ['yesterday', addDays(today, -1)],
    [`${MAX_DAYS_AHEAD + 1} days ahead`, addDays(today, MAX_DAYS_AHEAD + 1)],
  ])('refuses %s', (_label, day) => {
    expect(refusal(() => checkPublishDate(day, today))).toBe('INVALID_INPUT')
  })
})

describe('checkRectifiable', () => {
  it('accepts a published criticism', () => {
    expect(refusal(() => checkRectifiable(makeCriticism()))).toBe('none')
  })

  it('refuses a praise', () => {
    expect(refusal(() => checkRectifiable(makeNotice()))).toBe('INVALID_INPUT')
  })

  it('refuses a criticism not yet published', () => {
    expect(refusal(() => checkRectifiable(makeCriticism({ status: 'approved', boardDate: null })))).toBe('CONFLICT')
  })

  it('refuses marking it twice', () => {
    expect(refusal(() => checkRectifiable(makeCriticism({ rectifiedAt: '2026-11-28T02:00:00.000Z' })))).toBe('CONFLICT')
  })
})

describe('checkObjectable', () => {
  it('accepts a criticism still on the public board', () => {
    expect(refusal(() => checkObjectable(makeCriticism({ boardDate: BOARD_DAY }), addDays(BOARD_DAY, 6)))).toBe('none')
  })

  it('refuses a criticism that has left the public board', () => {
    expect(refusal(() => checkObjectable(makeCriticism({ boardDate: BOARD_DAY }), addDays(BOARD_DAY, 7)))).toBe('INVALID_INPUT')
  })

  it('refuses a praise', () => {
    expect(refusal(() => checkObjectable(makeNotice(), BOARD_DAY))).toBe('INVALID_INPUT')
  })

  it('refuses a withdrawn criticism', () => {
    expect(refusal(() => checkObjectable(makeCriticism({ status: 'withdrawn' }), BOARD_DAY))).toBe('INVALID_INPUT')
  })
})

describe('toBoardEntry', () => {
  it('masks a criticised name on the public board and keeps the 组 only', () => {
    expect(toBoardEntry(makeCriticism(), false).subjectLabel).toBe('赵某某（2组）')
  })

  it.each([
    ['2组8号', '赵某某（2组）'],
    ['十三组5号', '赵某某（十三组）'],
    ['3 组', '赵某某（3组）'],
    ['东街8号', '赵某某'],
    ['8号', '赵某某'],
  ])('shows the public only the 组 of household number %s', (householdNo, label) => {
    expect(toBoardEntry(makeCriticism({ subject: { name: '赵国庆', householdNo } }), false).subjectLabel).toBe(label)
  })

  it('keeps the full household number for cadres and in praise', () => {
    expect(toBoardEntry(makeCriticism({ subject: { name: '赵国庆', householdNo: '2组8号' } }), true).subjectLabel).toBe('赵国庆（2组8号）')
    expect(toBoardEntry(makeNotice({ subject: { name: '王建军', householdNo: '3组12号' } }), false).subjectLabel).toBe('王建军（3组12号）')
  })

  it('shows the full name to cadres', () => {
    expect(toBoardEntry(makeCriticism(), true).subjectLabel).toBe('赵国庆（2组8号）')
  })

  it('shows a praised name in full to everyone', () => {
    expect(toBoardEntry(makeNotice(), false).subjectLabel).toBe('王建军（3组12号）')
  })

  it('leaves out the household number when there is none', () => {
    expect(toBoardEntry(makeCriticism({ subject: { name: '赵国庆' } }), false).subjectLabel).toBe('赵某某')
  })

  it('says whether the problem was rectified', () => {
    expect(toBoardEntry(makeCriticism(), false).rectified).toBe(false)
    expect(toBoardEntry(makeCriticism({ rectifiedAt: '2026-11-28T02:00:00.000Z' }), false).rectified).toBe(true)
  })

  it('carries nothing about who drafted or reviewed it', () => {
    const entry = toBoardEntry(makeCriticism(), false)
    expect(JSON.stringify(entry)).not.toContain(DEMO.cadre)
    expect(JSON.stringify(entry)).not.toContain(DEMO.secretary)
  })
})

describe('checkObjectionDecider', () => {
  it('refuses a secretary deciding an objection they filed themselves', () => {
    expect(() => checkObjectionDecider({ openid: 'sec-1' }, 'sec-1')).toThrow('不能处理自己提出的申诉')
  })

  it('lets anyone else decide it', () => {
    expect(() => checkObjectionDecider({ openid: 'villager-1' }, 'sec-1')).not.toThrow()
  })
})
