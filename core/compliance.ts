import type { Criterion } from '../types/catalogue'
import type { ComplianceStatus, LedgerEntry } from '../types/ledger'
import { contributionOf } from './ledger-rules'
import { isoWeekOf, monthOfDay, weeksOfMonth } from './time'

/** Entries of one activity type: how many verified, how many awaiting verification. */
export interface Tally {
  verified: number
  pending: number
}

/**
 * The compliance summary of one village and year, maintained in the same transaction as every
 * ledger write, so a month's compliance costs two reads (this and the catalogue) at any ledger size.
 * Keys are activity types; weeks are ISO weeks keyed `YYYY-Www` and filed under the year of their Thursday.
 */
export interface ComplianceYear {
  _id: string
  townshipId: string
  villageId: string
  year: number
  months: Record<string, Record<string, Tally>>
  weeks: Record<string, Record<string, Tally>>
  yearTypes: Record<string, Tally>
  /** The best verified figure of the year per type (verified entries never change, so a max is safe). */
  figures: Record<string, number>
}

export const complianceId = (villageId: string, year: number) => `${villageId}_${year}`

export function emptyComplianceYear(townshipId: string, villageId: string, year: number): ComplianceYear {
  return { _id: complianceId(villageId, year), townshipId, villageId, year, months: {}, weeks: {}, yearTypes: {}, figures: {} }
}

type Counted = Pick<LedgerEntry, 'date' | 'activityType' | 'status' | 'figure'>

/** The summary years an entry touches: its own year, and its ISO week's (which differs near New Year). */
export function yearsTouched(entry: Pick<LedgerEntry, 'date'>): number[] {
  const own = Number(entry.date.slice(0, 4))
  const week = Number(isoWeekOf(entry.date).key.slice(0, 4))
  return own === week ? [own] : [own, week]
}

const bump = (bucket: Record<string, Tally>, type: string, by: Tally, sign: 1 | -1) => {
  const tally = bucket[type] ?? { verified: 0, pending: 0 }
  bucket[type] = { verified: tally.verified + sign * by.verified, pending: tally.pending + sign * by.pending }
}

/** Adds (sign 1) or removes (sign -1) an entry's weight to a year's summary, in place. */
export function applyEntry(summary: ComplianceYear, entry: Counted, sign: 1 | -1): void {
  const weight = contributionOf(entry.status)
  const type = entry.activityType
  if (Number(entry.date.slice(0, 4)) === summary.year) {
    const month = monthOfDay(entry.date)
    summary.months[month] = { ...(summary.months[month] ?? {}) }
    bump(summary.months[month], type, weight, sign)
    bump(summary.yearTypes, type, weight, sign)
    if (sign === 1 && entry.status === 'verified' && entry.figure !== null) {
      summary.figures[type] = Math.max(summary.figures[type] ?? 0, entry.figure)
    }
  }
  const week = isoWeekOf(entry.date)
  if (Number(week.key.slice(0, 4)) === summary.year) {
    summary.weeks[week.key] = { ...(summary.weeks[week.key] ?? {}) }
    bump(summary.weeks[week.key], type, weight, sign)
  }
}

export interface ComplianceItem {
  criterionId: string
  star: Criterion['star']
  title: string
  activityType: string
  ruleKind: string
  status: ComplianceStatus
  detail: string
}

const statusOf = (tally: Tally | undefined, needed: number, periodEnded: boolean): ComplianceStatus => {
  const t = tally ?? { verified: 0, pending: 0 }
  if (t.verified >= needed) return 'done'
  if (t.verified + t.pending >= needed) return 'pending'
  return periodEnded ? 'overdue' : 'missing'
}

/**
 * Where each ledger-evidenced criterion stands for `month`, judged on `today` (China time):
 * done (verified evidence), pending (submitted, not yet verified), missing, or overdue (its period
 * ended without it). Criteria without a rule (judged by the task force) are left out.
 */
export function evaluateMonth(criteria: Criterion[], summary: ComplianceYear | null, month: string, today: string): ComplianceItem[] {
  const currentMonth = monthOfDay(today)
  const yearEnded = Number(month.slice(0, 4)) < Number(today.slice(0, 4))
  const items: ComplianceItem[] = []
  for (const criterion of criteria) {
    const rule = criterion.rule
    if (!rule) continue
    const type = rule.activityType
    const base = { criterionId: criterion.id, star: criterion.star, title: criterion.title, activityType: type, ruleKind: rule.kind }
    switch (rule.kind) {
      case 'monthly': {
        const tally = summary?.months[month]?.[type]
        items.push({ ...base, status: statusOf(tally, 1, month < currentMonth), detail: `本月已核实 ${tally?.verified ?? 0} 次，待核实 ${tally?.pending ?? 0} 次` })
        break
      }
      case 'weekly': {
        const weeks = weeksOfMonth(month).map((week) => statusOf(summary?.weeks[week.key]?.[type], rule.perWeek, today > week.sunday))
        const done = weeks.filter((s) => s === 'done').length
        const status: ComplianceStatus = weeks.includes('overdue') ? 'overdue' : weeks.includes('missing') ? 'missing' : weeks.includes('pending') ? 'pending' : 'done'
        items.push({ ...base, status, detail: `每周 ${rule.perWeek} 次：${done}/${weeks.length} 周达标` })
        break
      }
      case 'yearly':
      case 'document': {
        const tally = summary?.yearTypes[type]
        items.push({ ...base, status: statusOf(tally, 1, yearEnded), detail: `本年已核实 ${tally?.verified ?? 0} 次` })
        break
      }
      case 'figure': {
        const best = summary?.figures[type] ?? 0
        const pending = (summary?.yearTypes[type]?.pending ?? 0) > 0
        const status: ComplianceStatus = best >= rule.threshold ? 'done' : pending ? 'pending' : yearEnded ? 'overdue' : 'missing'
        items.push({ ...base, status, detail: `${best}/${rule.threshold} ${rule.unit}` })
        break
      }
    }
  }
  return items
}

export function countStatuses(items: Array<{ status: ComplianceStatus }>) {
  const counts = { done: 0, pending: 0, missing: 0, overdue: 0 }
  for (const item of items) counts[item.status]++
  return counts
}
