import type { Notice } from '../../types/notice'
import { addDays, isPublishDue } from '../../core/time'
import type { Deps } from '../deps'
import { toDoc } from '../repository'
import { publishDueNotices } from '../publish/publish-due'
import { syncRoleDirectory } from '../notify/recipients'
import { STORED_DEMO_PEOPLE, FANGGANG, FANGGANG_VILLAGES, SAMPLE_NOTICES } from './fanggang-data'
import { seedRecords } from './records'
import { seedTour } from './tour'

const SEEDED_BOARD_VILLAGES = ['tiegou', 'fangdong', 'duancun']

/** Seeds 方岗镇 on first run: villages, the demo people, a week of boards and two drafts awaiting review. */
export async function seedIfEmpty(deps: Deps, today: string, options: { records?: boolean } = {}): Promise<boolean> {
  if ((await deps.store.count('townships', {})) > 0) return false
  const now = deps.now()
  await deps.store.insert('townships', { _id: FANGGANG.id, name: FANGGANG.name, county: FANGGANG.county })
  for (const [order, village] of FANGGANG_VILLAGES.entries()) {
    await deps.store.insert('villages', { _id: village.id, townshipId: FANGGANG.id, name: village.name, order })
  }
  await addMissingDemoPeople(deps)
  let sequence = 0
  for (let back = 6; back >= 0; back--) {
    const day = addDays(today, -back)
    if (back === 0 && !isPublishDue(day, now)) break
    for (const [v, villageId] of SEEDED_BOARD_VILLAGES.entries()) {
      for (let k = 0; k < 2; k++) {
        await insertNotice(deps, villageId, day, SAMPLE_NOTICES[(back + v * 2 + k + 1) % SAMPLE_NOTICES.length], 'approved', ++sequence)
      }
    }
    await publishDueNotices(deps, { date: day })
  }
  const tomorrow = addDays(today, 1)
  const inserted = await deps.store.count('notices', {})
  await insertNotice(deps, 'tiegou', tomorrow, SAMPLE_NOTICES[1], 'pending', inserted + 1)
  await insertNotice(deps, 'tiegou', tomorrow, SAMPLE_NOTICES[4], 'pending', inserted + 2)
  // The year's catalogue, targets, ledgers and 方北村's checklist (several hundred records).
  if (options.records !== false) await seedRecords(deps, today)
  // 季度观摩: one finished tour with its score sheets.
  if (options.records !== false) await seedTour(deps, today)
  return true
}

/**
 * Stores the demo people a local database lacks (one seeded before a demo person was added); a
 * person already stored is left as it is, roles revoked or not.
 */
export async function addMissingDemoPeople(deps: Deps): Promise<number> {
  let added = 0
  const createdAt = deps.now().toISOString()
  for (const person of STORED_DEMO_PEOPLE) {
    const doc = { _id: person.openid, name: person.name, townshipId: FANGGANG.id, villageId: person.villageId, grants: person.grants, createdAt }
    if (await deps.store.insertIfAbsent('people', doc)) {
      await syncRoleDirectory(deps.store, doc)
      added++
    }
  }
  return added
}

async function insertNotice(
  deps: Deps,
  villageId: string,
  day: string,
  sample: (typeof SAMPLE_NOTICES)[number],
  status: 'approved' | 'pending',
  sequence: number,
): Promise<void> {
  // Distinct, ordered creation times, as real drafting produces (list cursors rely on them).
  const at = new Date(deps.now().getTime() - 1000 + sequence).toISOString()
  const notice: Notice = {
    id: deps.newId(),
    townshipId: FANGGANG.id,
    villageId,
    kind: sample.kind,
    category: sample.category,
    subject: { name: sample.name, householdNo: sample.householdNo },
    text: sample.text,
    photos: [],
    publishDate: day,
    status,
    draftedBy: 'demo-cadre-tiegou',
    draftedByName: '张建国',
    createdAt: at,
    reviewedBy: status === 'approved' ? 'demo-secretary-tiegou' : null,
    reviewedAt: status === 'approved' ? at : null,
    reviewComment: null,
    boardDate: null,
    rectifiedAt: null,
    openObjections: 0,
    version: 1,
  }
  await deps.store.insert('notices', toDoc(notice))
}
