import type { Tour, TourSheet } from '../../types/tour'
import { DEFAULT_TOUR_CRITERIA, quarterOf, rankStops, tourSheetId } from '../../core/tour-rules'
import { addMonths, monthOfDay } from '../../core/time'
import type { Deps } from '../deps'
import { toDoc } from '../repository'
import { FANGGANG, FANGGANG_VILLAGES } from './fanggang-data'

/** The seeded tour's route and who scored it (each village's secretary scores every stop but their own; the leader scores all). */
const ROUTE = ['fangbei', 'tiegou', 'fangdong', 'duancun']
const SCORERS = [
  { id: 'demo-leader', name: '陈卫东', village: null },
  { id: 'demo-secretary-tiegou', name: '王志刚', village: 'tiegou' },
  { id: 'seed-fangbei-secretary', name: '方国强', village: 'fangbei' },
  { id: 'demo-secretary-fangdong', name: '刘保国', village: 'fangdong' },
  { id: 'demo-secretary-duancun', name: '段红旗', village: 'duancun' },
]
const COMMENTS: Record<string, string> = {
  fangbei: '第一书记带队成效明显，射干种植示范田规模大，建议补齐合作社分红台账',
  tiegou: '版面展示清楚，曝光台坚持天天更新；三会一课记录需按月归档',
  fangdong: '五好家庭评选氛围浓，村道绿化还有短板，坑塘整治要加快',
  duancun: '每周之星评选做得好，产业项目进度偏慢，集体经济收入需再提升',
}

/** One finished 季度观摩 of the previous quarter, with every sheet, closed and ranked (so the dashboard shows a ranking). */
export async function seedTour(deps: Deps, today: string): Promise<void> {
  const month = addMonths(monthOfDay(today), -2)
  const date = `${month}-18`
  const id = 'seed-tour-1'
  const at = new Date(`${date}T08:00:00.000Z`).toISOString()
  const names = new Map(FANGGANG_VILLAGES.map((v) => [v.id, v.name]))
  const sheets: TourSheet[] = []
  ROUTE.forEach((villageId, v) => {
    SCORERS.filter((s) => s.village !== villageId).forEach((scorer, k) => {
      // Deterministic, varied points within each criterion's maximum.
      const points = DEFAULT_TOUR_CRITERIA.map((c, i) => Math.min(c.max, 13 + ((v * 3 + k * 2 + i * 5) % 8)))
      sheets.push({
        id: tourSheetId(id, villageId, scorer.id), tourId: id, villageId, scorerId: scorer.id, scorerName: scorer.name, points,
        total: points.reduce((a, b) => a + b, 0), comment: k === 0 ? COMMENTS[villageId] : null, checklistItemId: null, createdAt: at, updatedAt: at,
      })
    })
  })
  const stops = ROUTE.map((villageId) => ({ villageId, villageName: names.get(villageId) ?? villageId, status: 'closed' as const, closedAt: at }))
  const tour: Tour = {
    id, townshipId: FANGGANG.id, quarter: quarterOf(date), date, title: `${quarterOf(date).replace('-Q', ' 年第 ')} 季度观摩`,
    criteria: DEFAULT_TOUR_CRITERIA, stops, status: 'closed', createdBy: 'demo-leader', createdByName: '陈卫东', createdAt: at, closedAt: at,
    ranking: rankStops({ stops, criteria: DEFAULT_TOUR_CRITERIA }, sheets), sortKey: `${date}_${id}`, version: 2,
  }
  await deps.store.insert('tours', { ...toDoc(tour) })
  for (const sheet of sheets) await deps.store.insert('tourSheets', { ...toDoc(sheet) })
}
