import type { Tour, TourCriterion, TourResult, TourSheet } from '../types/tour'
import type { Person } from './caller'
import { DomainError, invalidInput } from './errors'

/** 季度观摩's default scoring sheet: one line per star, 100 points in all (editable per tour). */
export const DEFAULT_TOUR_CRITERIA: TourCriterion[] = [
  { name: '支部建设', max: 20 },
  { name: '产业发展', max: 20 },
  { name: '生态宜居', max: 20 },
  { name: '平安法治', max: 20 },
  { name: '文明幸福', max: 20 },
]

/** The quarter `YYYY-Qn` a day falls in. */
export const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`

/** The id of a person's one sheet per stop: a re-score replaces it. */
export const tourSheetId = (tourId: string, villageId: string, scorerId: string) => `${tourId}_${villageId}_${scorerId}`

/** The villages a person answers for (as a cadre or secretary): they may not score those stops. */
export const ownVillages = (person: Person | null): string[] =>
  (person?.grants ?? []).flatMap((g) => ((g.role === 'secretary' || g.role === 'cadre') && 'villageId' in g ? [g.villageId] : []))

/** Refuses a score the rules forbid: a closed tour or stop, one's own village, points outside the sheet. */
export function checkScore(tour: Tour, villageId: string, person: Person | null, points: number[]): void {
  const stop = tour.stops.find((s) => s.villageId === villageId)
  if (!stop) throw invalidInput('该村不在本次观摩路线中', 'villageId')
  if (tour.status === 'closed' || stop.status === 'closed') throw new DomainError('CONFLICT', `${stop.villageName}的观摩评分已结束，不能再评分`)
  if (ownVillages(person).includes(villageId)) throw new DomainError('FORBIDDEN', `不能给本村（${stop.villageName}）评分：观摩评分须回避本村`)
  if (points.length !== tour.criteria.length) throw invalidInput(`评分表有 ${tour.criteria.length} 项，收到 ${points.length} 项`, 'points')
  tour.criteria.forEach((c, i) => {
    if (points[i] > c.max) throw invalidInput(`“${c.name}”最多 ${c.max} 分`, `points.${i}`)
  })
}

const round1 = (n: number) => Math.round(n * 10) / 10

/** A stop's result from its sheets: mean total, min, max, spread (极差) and the mean per criterion. */
export function stopResult(criteria: TourCriterion[], sheets: Array<Pick<TourSheet, 'points' | 'total'>>): Omit<TourResult, 'rank' | 'villageId' | 'villageName'> {
  const n = sheets.length
  if (n === 0) return { mean: 0, min: 0, max: 0, spread: 0, scorers: 0, criterionMeans: criteria.map(() => 0) }
  const totals = sheets.map((s) => s.total)
  const min = Math.min(...totals)
  const max = Math.max(...totals)
  return {
    mean: round1(totals.reduce((a, b) => a + b, 0) / n),
    min,
    max,
    spread: max - min,
    scorers: n,
    criterionMeans: criteria.map((_, i) => round1(sheets.reduce((sum, s) => sum + (s.points[i] ?? 0), 0) / n)),
  }
}

/** The ranking of the closed stops someone scored (a stop nobody scored has no place): by mean, then more scorers, then the route's order. */
export function rankStops(tour: Pick<Tour, 'stops' | 'criteria'>, sheets: TourSheet[]): TourResult[] {
  const rows = tour.stops
    .map((stop, order) => ({ stop, order }))
    .filter(({ stop }) => stop.status === 'closed')
    .map(({ stop, order }) => ({
      order,
      row: { villageId: stop.villageId, villageName: stop.villageName, ...stopResult(tour.criteria, sheets.filter((s) => s.villageId === stop.villageId)) },
    }))
    .filter(({ row }) => row.scorers > 0)
  rows.sort((a, b) => b.row.mean - a.row.mean || b.row.scorers - a.row.scorers || a.order - b.order)
  return rows.map(({ row }, i) => ({ ...row, rank: i + 1 }))
}

/** The tour after closing one stop, or every stop and the tour itself. */
export function closeTour(tour: Tour, villageId: string | undefined, at: string): Pick<Tour, 'stops' | 'status' | 'closedAt'> {
  if (tour.status === 'closed') throw new DomainError('CONFLICT', '本次观摩已结束')
  if (villageId) {
    const stop = tour.stops.find((s) => s.villageId === villageId)
    if (!stop) throw invalidInput('该村不在本次观摩路线中', 'villageId')
    if (stop.status === 'closed') throw new DomainError('CONFLICT', `${stop.villageName}的评分已结束`)
    return { stops: tour.stops.map((s) => (s === stop ? { ...s, status: 'closed', closedAt: at } : s)), status: 'open', closedAt: null }
  }
  return { stops: tour.stops.map((s) => (s.status === 'closed' ? s : { ...s, status: 'closed', closedAt: at })), status: 'closed', closedAt: at }
}
