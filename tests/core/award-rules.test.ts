import { awardLabel, checkWeek, confirmOutcome, mergeAwards, nominationOf, toBoardAward, weekRange } from '../../core/award-rules'
import { buildBroadcastScript } from '../../core/broadcast'
import { DomainError } from '../../core/errors'
import { addDays, isoWeekOf } from '../../core/time'
import { makeCriticism, makeNotice } from '../support/factories'
import { makeAward } from '../support/award-fixtures'
import type { AwardNominate } from '../../types/award'

const TODAY = '2026-11-27' // a Friday, in 2026-W48
const praise = makeNotice({ id: 'n1', villageId: 'tiegou', subject: { name: '钱德胜', householdNo: '6组9号' }, text: '照顾年迈的岳父母。', boardDate: TODAY, publishDate: TODAY })
const weekly = (overrides: Partial<AwardNominate> = {}): AwardNominate => ({ villageId: 'tiegou', kind: 'weeklyStar', week: '2026-W48', noticeId: 'n1', ...overrides })

const codeOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    return e instanceof DomainError ? `${e.code}:${e.message}` : String(e)
  }
  return 'ok'
}

describe('weeks', () => {
  it.each([['2026-W48', '2026-11-23', '2026-11-29'], ['2026-W01', '2025-12-29', '2026-01-04'], ['2020-W53', '2020-12-28', '2021-01-03']])(
    '%s runs from %s to %s',
    (week, monday, sunday) => expect(weekRange(week)).toEqual({ monday, sunday }),
  )
  it('agrees with isoWeekOf for every day of two years', () => {
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10)
      const week = isoWeekOf(day)
      expect(weekRange(week.key)).toEqual({ monday: week.monday, sunday: week.sunday })
    }
  })
  it('refuses a week 53 a year does not have (2025; 2026 has one), a future week and one long past', () => {
    expect(codeOf(() => weekRange('2025-W53'))).toBe('INVALID_INPUT:该年没有这一周')
    expect(codeOf(() => checkWeek('2026-W49', TODAY))).toMatch(/以后的周/)
    expect(codeOf(() => checkWeek('2026-W39', TODAY))).toMatch(/最近8周/)
    expect(codeOf(() => checkWeek('2026-W47', TODAY))).toBe('ok')
  })
})

describe('nominationOf', () => {
  it('takes a 每周之星 from the praise: its person, label and text', () => {
    expect(nominationOf(weekly(), praise, TODAY)).toEqual({
      week: '2026-W48', year: 2026, subject: { name: '钱德胜', householdNo: '6组9号' }, group: null, label: '钱德胜（6组9号）', reason: '照顾年迈的岳父母。',
    })
  })
  it('takes an 优秀小组 as the 组 of the household, or the one given', () => {
    expect(nominationOf(weekly({ kind: 'excellentGroup' }), praise, TODAY)).toMatchObject({ group: '6组', label: '6组', subject: null })
    expect(nominationOf(weekly({ kind: 'excellentGroup', group: '七组' }), praise, TODAY)).toMatchObject({ group: '七组', label: '七组' })
    const noGroup = { ...praise, subject: { name: '钱德胜' } }
    expect(codeOf(() => nominationOf(weekly({ kind: 'excellentGroup' }), noGroup, TODAY))).toMatch(/请填写组/)
  })
  it.each([
    ['a criticism', makeCriticism({ villageId: 'tiegou', boardDate: TODAY }), /只能从表扬公告/],
    ['a pending praise', { ...praise, status: 'pending' as const }, /已审核通过/],
    ['a withdrawn praise', { ...praise, status: 'withdrawn' as const }, /已审核通过/],
    ['a praise of another village', { ...praise, villageId: 'liugang' }, /不属于本村/],
    ['a praise of last week', { ...praise, boardDate: '2026-11-22' }, /不在所选的周内/],
  ])('refuses %s', (_label, notice, message) => {
    expect(codeOf(() => nominationOf(weekly(), notice, TODAY))).toMatch(message)
  })
  it('a 五好家庭 names its household, this year or last', () => {
    const family: AwardNominate = { villageId: 'tiegou', kind: 'fiveGoodFamily', year: 2026, subject: { name: '李秀英' }, reason: '邻里和睦家风好。' }
    expect(nominationOf(family, null, TODAY)).toMatchObject({ week: null, year: 2026, label: '李秀英' })
    expect(nominationOf({ ...family, year: undefined }, null, TODAY).year).toBe(2026)
    expect(codeOf(() => nominationOf({ ...family, year: 2024 }, null, TODAY))).toMatch(/今年或去年/)
    expect(codeOf(() => nominationOf({ ...family, subject: undefined }, null, TODAY))).toMatch(/户主/)
  })
})

describe('confirmOutcome', () => {
  it('needs a second person, and a pending nomination', () => {
    expect(confirmOutcome(makeAward(), 'secretary', 'confirm')).toBe('confirmed')
    expect(confirmOutcome(makeAward(), 'secretary', 'reject')).toBe('rejected')
    expect(codeOf(() => confirmOutcome(makeAward(), 'fixture-nominator', 'confirm'))).toBe('FORBIDDEN:评选须由提名人以外的人确认')
    expect(codeOf(() => confirmOutcome(makeAward({ status: 'confirmed' }), 'secretary', 'confirm'))).toMatch(/^CONFLICT/)
  })
})

describe('the board block and the 广播稿', () => {
  it('labels a person as praise does (name and household), a group by its 组', () => {
    expect(awardLabel('weeklyStar', { name: '钱德胜', householdNo: '6组9号' }, null)).toBe('钱德胜（6组9号）')
    expect(awardLabel('excellentGroup', null, '3组')).toBe('3组')
  })
  it('orders a board’s awards by kind and replaces a block on repeat', () => {
    const family = toBoardAward(makeAward({ id: 'a', kind: 'fiveGoodFamily' }))
    const star = toBoardAward(makeAward({ id: 'b' }))
    expect(mergeAwards([family], [star, star]).map((a) => a.awardId)).toEqual(['b', 'a'])
  })
  it('reads the awards with their prize, and only then says the board is empty when both are', () => {
    const script = buildBroadcastScript('帖沟村', TODAY, [], [toBoardAward(makeAward())])
    expect(script).toContain('下面公布评选结果：')
    expect(script).toContain('每周之星：钱德胜（6组9号），二十年如一日照顾年迈的岳父母，从不叫苦，奖励洗衣粉一袋。')
    expect(script).not.toContain('今天没有表扬和曝光内容')
    expect(buildBroadcastScript('帖沟村', TODAY, [], [toBoardAward(makeAward({ prize: null }))])).toContain('从不叫苦。')
  })
})

describe('the awards page’s week (src/awards/index/week.ts)', () => {
  afterEach(() => jest.useRealTimers())
  it('is the server’s ISO week of China’s today, for every day of two years, and steps back by weeks', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { weekInChina } = require('../../src/awards/index/week') as typeof import('../../src/awards/index/week')
    jest.useFakeTimers()
    for (let t = Date.UTC(2025, 0, 1, 4); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      jest.setSystemTime(t)
      const day = new Date(t).toISOString().slice(0, 10)
      const { key, monday, sunday } = isoWeekOf(day)
      expect(weekInChina()).toEqual({ key, monday, sunday })
      expect(weekInChina(1).key).toBe(isoWeekOf(addDays(day, -7)).key)
    }
  })
})
