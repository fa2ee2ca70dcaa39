import type { LedgerEntry } from '../../types/ledger'
import type { TxStore } from '../../core/store'
import { applyWeeklyEvents, byWeek, ledgerHistoryEvents, weeklyTallyId, type WeeklyTally } from '../../core/weekly-report'
import { contactId, type ContactDoc } from '../actions/contact'
import { FANGGANG, FANGGANG_VILLAGES } from './fanggang-data'

/**
 * The weekly tallies of ledger entries the seed writes directly (not through ledger.create): each
 * entry's submission in the week it was created, its review in the week it was reviewed, exactly as
 * the actions count them, so a seeded week's 专题会 report matches the seeded records.
 */
export async function seedLedgerWeeklyTallies(store: TxStore, entries: LedgerEntry[]): Promise<void> {
  const tallies = new Map<string, WeeklyTally>()
  for (const entry of entries) {
    for (const [week, events] of byWeek(ledgerHistoryEvents(entry))) {
      const id = weeklyTallyId(entry.villageId, week)
      tallies.set(id, applyWeeklyEvents(tallies.get(id) ?? { _id: id, townshipId: entry.townshipId, villageId: entry.villageId, week, stars: {} }, events))
    }
  }
  for (const tally of tallies.values()) await store.insert('weeklyTallies', { ...tally })
}

/** 市直单位分包联系村: the sponsoring units, 禹州市财政局 at 方北村 as in the article. */
const UNITS = ['禹州市农业农村局', '禹州市教育局', '禹州市卫生健康委员会', '禹州市交通运输局', '禹州市自然资源局', '禹州市住房和城乡建设局']

/**
 * 联系村 for every seeded village. The seed's only 镇领导 (陈卫东) answers for them all — more seeded
 * leaders would change who hears of every leader's to-do; a leader added by invitation takes villages
 * over with contact.set. 方北村's 第一书记 is 王钰柯 of 禹州市财政局.
 */
export async function seedContacts(store: TxStore, year: number, now: string): Promise<void> {
  const leader = { _id: 'demo-leader', name: '陈卫东' }
  for (const [i, village] of FANGGANG_VILLAGES.entries()) {
    const fangbei = village.id === 'fangbei'
    const doc: ContactDoc = {
      _id: contactId(village.id, year), townshipId: FANGGANG.id, villageId: village.id, year, leaderId: leader._id, leaderName: leader.name,
      unit: fangbei ? '禹州市财政局' : UNITS[i % UNITS.length],
      firstSecretaryId: fangbei ? 'seed-fangbei-wangyuke' : null, firstSecretaryName: fangbei ? '王钰柯' : null, firstSecretaryUnit: fangbei ? '禹州市财政局' : null,
      updatedAt: now, updatedBy: 'seed', version: 1,
    }
    await store.insert('contacts', { ...doc })
  }
}
