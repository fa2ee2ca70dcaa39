import { DEFAULT_TOUR_CRITERIA, checkScore, closeTour, ownVillages, quarterOf, rankStops, stopResult } from '../../core/tour-rules'
import type { Tour, TourSheet } from '../../types/tour'
import { makePerson } from '../support/factories'

const tour = (overrides: Partial<Tour> = {}): Tour => ({
  id: 't1', townshipId: 'fanggang', quarter: '2026-Q4', date: '2026-11-27', title: '观摩', criteria: DEFAULT_TOUR_CRITERIA,
  stops: ['a', 'b', 'c'].map((v) => ({ villageId: v, villageName: `${v}村`, status: 'open' as const, closedAt: null })),
  status: 'open', createdBy: 'l', createdByName: '领导', createdAt: '', closedAt: null, ranking: null, sortKey: '', version: 1, ...overrides,
})
const sheet = (villageId: string, points: number[]): TourSheet => ({
  id: `${villageId}${points.join('')}`, tourId: 't1', villageId, scorerId: 's', scorerName: 's', points, total: points.reduce((a, b) => a + b, 0),
  comment: null, checklistItemId: null, createdAt: '', updatedAt: '',
})

describe('tour rules', () => {
  it.each([['2026-01-01', '2026-Q1'], ['2026-03-31', '2026-Q1'], ['2026-04-01', '2026-Q2'], ['2026-09-30', '2026-Q3'], ['2026-12-31', '2026-Q4']])('%s is in %s', (day, q) => {
    expect(quarterOf(day)).toBe(q)
  })

  it('the default sheet is 100 points over five lines', () => {
    expect(DEFAULT_TOUR_CRITERIA.reduce((s, c) => s + c.max, 0)).toBe(100)
  })

  it('refuses one\'s own village (as cadre or secretary), closed stops and points above a line\'s maximum', () => {
    const secretary = makePerson({ grants: [{ role: 'secretary', villageId: 'a' }] })
    expect(ownVillages(secretary)).toEqual(['a'])
    expect(() => checkScore(tour(), 'a', secretary, [1, 1, 1, 1, 1])).toThrow('不能给本村（a村）评分')
    expect(() => checkScore(tour(), 'b', secretary, [1, 1, 1, 1, 1])).not.toThrow()
    expect(() => checkScore(tour(), 'b', secretary, [21, 1, 1, 1, 1])).toThrow('“支部建设”最多 20 分')
    expect(() => checkScore(tour(), 'b', secretary, [1, 1])).toThrow('评分表有 5 项')
    expect(() => checkScore(tour(), 'z', secretary, [1, 1, 1, 1, 1])).toThrow('不在本次观摩路线中')
    const closedStop = tour({ stops: tour().stops.map((s) => (s.villageId === 'b' ? { ...s, status: 'closed' } : s)) })
    expect(() => checkScore(closedStop, 'b', secretary, [1, 1, 1, 1, 1])).toThrow('评分已结束')
    expect(() => checkScore(tour({ status: 'closed' }), 'c', null, [1, 1, 1, 1, 1])).toThrow('评分已结束')
  })

  it('summarises a stop: mean (one decimal), min, max, spread, per-criterion means', () => {
    expect(stopResult(DEFAULT_TOUR_CRITERIA, [sheet('a', [20, 20, 20, 20, 20]), sheet('a', [10, 10, 10, 10, 10]), sheet('a', [15, 15, 15, 15, 16])])).toEqual({
      mean: 75.3, min: 50, max: 100, spread: 50, scorers: 3, criterionMeans: [15, 15, 15, 15, 15.3],
    })
    expect(stopResult(DEFAULT_TOUR_CRITERIA, [])).toMatchObject({ mean: 0, scorers: 0 })
  })

  it('ranks the closed stops by mean, then more scorers, then route order', () => {
    const closed = tour({ stops: tour().stops.map((s) => ({ ...s, status: 'closed' as const })) })
    const ranking = rankStops(closed, [sheet('a', [10, 10, 10, 10, 10]), sheet('b', [10, 10, 10, 10, 10]), sheet('b', [10, 10, 10, 10, 10]), sheet('c', [20, 20, 20, 20, 20])])
    expect(ranking.map((r) => [r.rank, r.villageId])).toEqual([[1, 'c'], [2, 'b'], [3, 'a']])
    expect(rankStops(tour(), [])).toEqual([])
    // A closed stop nobody scored has no place.
    expect(rankStops(closed, [sheet('c', [1, 1, 1, 1, 1])]).map((r) => r.villageId)).toEqual(['c'])
  })

  it('closes a stop, then the tour (every stop with it); a closed tour cannot close again', () => {
    const one = closeTour(tour(), 'a', 'now')
    expect(one.stops.map((s) => s.status)).toEqual(['closed', 'open', 'open'])
    expect(one.status).toBe('open')
    expect(() => closeTour({ ...tour(), ...one }, 'a', 'later')).toThrow('评分已结束')
    const all = closeTour({ ...tour(), ...one }, undefined, 'later')
    expect(all.stops.map((s) => [s.status, s.closedAt])).toEqual([['closed', 'now'], ['closed', 'later'], ['closed', 'later']])
    expect(() => closeTour({ ...tour(), ...all }, undefined, 'x')).toThrow('本次观摩已结束')
  })
})
