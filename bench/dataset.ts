import type { Notice } from '../types/notice'
import type { SqliteStore } from '../backend/storage/sqlite'
import { addDays } from '../core/time'
import { toDoc } from '../backend/repository'
import { boardId, type BoardDoc } from '../backend/publish/board-doc'
import { STORED_DEMO_PEOPLE, FANGGANG, FANGGANG_VILLAGES, SAMPLE_NOTICES } from '../backend/seed/fanggang-data'
import { plantCallers } from '../tests/support/action-fixtures'
import { makeNotice } from '../tests/support/factories'
import { makeChecklistItem, makeLedgerEntry } from '../tests/support/records-factories'
import { applyEntry, emptyComplianceYear, yearsTouched, type ComplianceYear } from '../core/compliance'
import { catalogueId } from '../core/catalogue-rules'
import { ARTICLE_STANDARDS } from '../backend/seed/standards'
import { writeChecklistItems } from '../backend/checklist-writes'

/** How much data a scale holds. */
export interface Scale {
  name: 'township' | 'county'
  villages: number
  days: number
  noticesPerVillagePerDay: number
}

export const TOWNSHIP: Scale = { name: 'township', villages: 24, days: 365, noticesPerVillagePerDay: 2 }
export const COUNTY: Scale = { name: 'county', villages: 650, days: 365, noticesPerVillagePerDay: 2 }

export interface DatasetReport {
  scale: Scale['name']
  villages: number
  townships: number
  notices: number
  boards: number
  /** Ledger entries (one every other day per village, verified but the last fortnight's) and checklist items. */
  ledgerEntries: number
  checklistItems: number
  /** Notices approved for today and not yet published (the daily publish's work). */
  dueToday: number
  buildMs: number
}

const VILLAGES_PER_TOWNSHIP = 24

/** 方岗镇's 24 villages first (so 帖沟村 and 刘岗村 exist for the fixtures), then townships of 24 more. */
function villagesOf(scale: Scale): Array<{ id: string; townshipId: string; name: string; order: number }> {
  const out = FANGGANG_VILLAGES.slice(0, Math.min(scale.villages, FANGGANG_VILLAGES.length)).map((v, order) => ({
    ...v, townshipId: FANGGANG.id, order,
  }))
  for (let i = out.length; i < scale.villages; i++) {
    const k = i - FANGGANG_VILLAGES.length
    const township = `county-t${String(Math.floor(k / VILLAGES_PER_TOWNSHIP) + 1).padStart(2, '0')}`
    out.push({ id: `cv${String(i).padStart(4, '0')}`, townshipId: township, name: `县域村${i}`, order: k % VILLAGES_PER_TOWNSHIP })
  }
  return out
}

/**
 * A year of a township's or a county's data, written straight through the store (one transaction
 * per village) in the shapes the handlers write: every day up to yesterday published with its
 * board, and today's notices approved and waiting for the 07:00 publish. Audit entries of those
 * past transitions are left out (they are written, never read, by the actions measured).
 */
export async function buildDataset(store: SqliteStore, scale: Scale, today: string): Promise<DatasetReport> {
  const started = performance.now()
  const villages = villagesOf(scale)
  const townships = [...new Set(villages.map((v) => v.townshipId))]
  for (const id of townships) {
    await store.insert('townships', id === FANGGANG.id ? { _id: id, name: FANGGANG.name, county: FANGGANG.county } : { _id: id, name: `${id} 镇`, county: FANGGANG.county })
  }
  for (const village of villages) await store.insert('villages', { _id: village.id, townshipId: village.townshipId, name: village.name, order: village.order })
  for (const person of STORED_DEMO_PEOPLE) {
    await store.insert('people', {
      _id: person.openid, name: person.name, townshipId: FANGGANG.id, villageId: person.villageId, grants: person.grants, createdAt: `${today}T00:00:00.000Z`,
    })
  }
  await plantCallers(store)

  const firstDay = addDays(today, -(scale.days - 1))
  let notices = 0
  let boards = 0
  let dueToday = 0
  let sample = 0
  let ledgerEntries = 0
  let checklistItems = 0
  const monthly = ARTICLE_STANDARDS.filter((c) => c.rule?.kind === 'monthly')
  for (const id of townships) {
    for (const year of new Set([Number(firstDay.slice(0, 4)), Number(today.slice(0, 4))])) {
      await store.insert('catalogues', {
        _id: catalogueId(id, year), townshipId: id, year, revisions: [{ effectiveFrom: `${year}-01`, criteria: ARTICLE_STANDARDS }], focus: [],
        version: 1, updatedAt: `${today}T00:00:00.000Z`, updatedBy: 'bench',
      })
    }
  }
  for (const village of villages) {
    // The records area: a year of ledger entries with their compliance summaries, and a checklist.
    await store.transaction(async (tx) => {
      const summaries = new Map<number, ComplianceYear>()
      for (let d = 0; d < scale.days; d += 2) {
        const day = addDays(firstDay, d)
        const criterion = monthly[(d / 2) % monthly.length]
        const entry = makeLedgerEntry({
          id: `${village.id}-le-${day}`, townshipId: village.townshipId, villageId: village.id, star: criterion.star, criterionId: criterion.id,
          activityType: criterion.rule!.activityType, date: day, createdAt: `${day}T04:00:00.000Z`, updatedAt: `${day}T04:00:00.000Z`,
          status: day < addDays(today, -14) ? 'verified' : 'submitted', photos: [],
        })
        for (const y of yearsTouched(entry)) {
          if (!summaries.has(y)) summaries.set(y, emptyComplianceYear(village.townshipId, village.id, y))
          applyEntry(summaries.get(y)!, entry, 1)
        }
        await tx.insert('ledger', toDoc(entry))
        ledgerEntries++
      }
      for (const summary of summaries.values()) await tx.insert('compliance', { ...summary })
      for (let k = 0; k < 10; k++) {
        const item = makeChecklistItem({
          id: `${village.id}-ck-${k}`, townshipId: village.townshipId, villageId: village.id, star: ((k % 5) + 1) as 1 | 2 | 3 | 4 | 5,
          ownerId: 'demo-cadre-tiegou', dueMonth: addDays(today, (k - 5) * 30).slice(0, 7), status: k < 3 ? 'done' : 'open',
        })
        await writeChecklistItems(tx, [{ before: null, after: item }])
        checklistItems++
      }
    })
  }
  for (const village of villages) {
    await store.transaction(async (tx) => {
      for (let d = 0; d < scale.days; d++) {
        const day = addDays(firstDay, d)
        const isToday = day === today
        const counts = { praiseCount: 0, criticismCount: 0 }
        for (let k = 0; k < scale.noticesPerVillagePerDay; k++) {
          const s = SAMPLE_NOTICES[sample++ % SAMPLE_NOTICES.length]
          const createdAt = `${addDays(day, -1)}T02:00:00.000Z`
          const notice: Notice = makeNotice({
            id: `${village.id}-${day}-${k}`,
            townshipId: village.townshipId,
            villageId: village.id,
            kind: s.kind,
            category: s.category,
            subject: { name: s.name, householdNo: s.householdNo },
            text: s.text,
            publishDate: day,
            status: isToday ? 'approved' : 'published',
            createdAt,
            reviewedAt: `${addDays(day, -1)}T03:00:00.000Z`,
            boardDate: isToday ? null : day,
            version: isToday ? 2 : 3,
          })
          await tx.insert('notices', toDoc(notice))
          notices++
          if (isToday) dueToday++
          else counts[s.kind === 'praise' ? 'praiseCount' : 'criticismCount']++
        }
        if (!isToday) {
          const board: BoardDoc = {
            _id: boardId(village.id, day), townshipId: village.townshipId, villageId: village.id, date: day,
            publishedAt: `${addDays(day, -1)}T23:00:00.000Z`, ...counts,
          }
          await tx.insert('boards', board)
          boards++
        }
      }
    })
  }
  return { scale: scale.name, villages: villages.length, townships: townships.length, notices, boards, ledgerEntries, checklistItems, dueToday, buildMs: performance.now() - started }
}
