import type { LedgerEntry } from '../types/ledger'

/** 科级干部 attend their contact villages' 主题党日 and 组织生活会: the ledger types that record it. */
export const LEADER_ACTIVITIES = ['主题党日', '组织生活会'] as const

export const leaderMayAttend = (activityType: string) => (LEADER_ACTIVITIES as readonly string[]).includes(activityType)

/** A village's recorded leader attendance in a year (collection `attendance`), kept on each ledger write. */
export interface AttendanceYear {
  _id: string
  townshipId: string
  villageId: string
  year: number
  /** By the leader's id: their name and how many entries record them, per quarter (Q1…Q4). */
  byLeader: Record<string, { name: string; quarters: number[] }>
}

export const attendanceId = (villageId: string, year: number) => `${villageId}_${year}`

/** The quarter (0…3) of a day `YYYY-MM-DD`. */
export const quarterOf = (day: string) => Math.floor((Number(day.slice(5, 7)) - 1) / 3)

type Counted = Pick<LedgerEntry, 'date' | 'attendedLeaderId' | 'attendedLeaderName'>

/** Adds (sign 1) or removes (−1) an entry's attendance in the summary of its year; an entry without a leader counts nothing. */
export function applyAttendance(summary: AttendanceYear, entry: Counted, sign: 1 | -1): AttendanceYear {
  if (!entry.attendedLeaderId || Number(entry.date.slice(0, 4)) !== summary.year) return summary
  const byLeader = { ...summary.byLeader }
  const current = byLeader[entry.attendedLeaderId] ?? { name: entry.attendedLeaderName ?? '', quarters: [0, 0, 0, 0] }
  const quarters = [...current.quarters]
  quarters[quarterOf(entry.date)] = Math.max(0, quarters[quarterOf(entry.date)] + sign)
  byLeader[entry.attendedLeaderId] = { name: entry.attendedLeaderName ?? current.name, quarters }
  return { ...summary, byLeader }
}

/** Per leader, attendance by quarter summed over the villages' summaries. */
export function attendanceByLeader(summaries: AttendanceYear[]): Map<string, { name: string; quarters: number[] }> {
  const out = new Map<string, { name: string; quarters: number[] }>()
  for (const s of summaries) {
    for (const [id, a] of Object.entries(s.byLeader)) {
      const t = out.get(id) ?? { name: a.name, quarters: [0, 0, 0, 0] }
      out.set(id, { name: t.name, quarters: t.quarters.map((n, i) => n + (a.quarters[i] ?? 0)) })
    }
  }
  return out
}
