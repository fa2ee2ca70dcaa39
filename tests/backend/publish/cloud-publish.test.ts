import { makeDraft, type TestApp } from '../../support/app-harness'
import { dayFromToday, draftAndApprove, insertVillageStaff, makeCriticismDraft, ok, setChinaTime } from '../../support/factories'
import type { Notice } from '../../../types/notice'
import { COLLECTION_NAMES } from '../../../backend/storage/collections'
import { runDailyPublish } from '../../../backend/publish/daily'
import { FANGGANG_VILLAGES } from '../../../backend/seed/fanggang-data'
import { startCloudbaseStandin, type CloudbaseStandin, type StandinDoc } from '../../support/cloudbase-standin'
import { makeCloudTestApp } from '../../support/cloud-test-app'
import { depthNote, sampleSteps } from '../../support/depth'

// The daily publish on the cloud adapter (real wx-server-sdk against the CloudBase stand-in — not
// the real cloud): database request k of a run fails, before it runs or with its answer lost, for
// every k; running again must end exactly as one clean run does. `npm test` walks a seeded sample of
// the k (always the first and the last); `npm run test:deep` walks every one.

/** How many failure points between the first and the last a sampled run walks, per mode. */
const SAMPLED_STEPS = 12

let standin: CloudbaseStandin
let app: Awaited<ReturnType<typeof makeCloudTestApp>>
let before: Record<string, StandinDoc[]>
let clean: Record<string, StandinDoc[]>
let ids: string[]
let requestsPerRun: number

beforeAll(async () => {
  standin = await startCloudbaseStandin({ collections: COLLECTION_NAMES, transactionTtlMs: 1000 })
  app = await makeCloudTestApp(standin)
  const target = app as unknown as TestApp
  const day = dayFromToday(target, 1)
  const fangdong = await insertVillageStaff(target, 'fangdong')
  ids = [
    (await draftAndApprove(target, makeDraft({ publishDate: day }))).id,
    (await draftAndApprove(target, makeCriticismDraft({ publishDate: day }))).id,
  ]
  const drafted = await ok<Notice>(app.call(fangdong.cadre, 'notice.draft', makeDraft({ villageId: 'fangdong', publishDate: day })))
  ids.push((await ok<Notice>(app.call(fangdong.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' }))).id)
  setChinaTime(target, day, '07:00')
  before = app.dump()
  const start = standin.databaseRequests()
  await runDailyPublish(app.deps)
  requestsPerRun = standin.databaseRequests() - start
  clean = app.dump()
}, 60_000)
afterAll(() => standin.close())

function restore(data: Record<string, StandinDoc[]>) {
  standin.reset()
  standin.importData(data)
}

describe('daily publish on the cloud adapter', () => {
  test('a clean run publishes every notice onto one board per village', () => {
    const boards = clean.boards.filter((b) => b.date === before.notices.find((n) => n._id === ids[0])!.publishDate)
    expect(boards).toHaveLength(FANGGANG_VILLAGES.length)
    expect(clean.notices.filter((n) => ids.includes(n._id)).map((n) => n.status)).toEqual(ids.map(() => 'published'))
    // The publish itself, then the reminders' fixed reads (morning reminder, checklist due/overdue scan).
    expect(requestsPerRun).toBeLessThan(64)
  })

  test('a second run sends only reads and writes nothing', async () => {
    restore(clean)
    standin.resetRequestCounts()
    await runDailyPublish(app.deps)
    expect(Object.keys(standin.requestCounts()).every((action) => action === 'database.getDocument')).toBe(true)
    expect(app.dump()).toEqual(clean)
  })

  test.each(['before', 'after'] as const)('failing any request (%s it runs), then running again, ends as one clean run', async (mode) => {
    const mismatches: string[] = []
    const points = sampleSteps(requestsPerRun, `cloud-publish:${mode}`, SAMPLED_STEPS)
    console.log(`${depthNote('tests/backend/publish/cloud-publish.test.ts')}; ${points.length} of ${requestsPerRun} failure points walked (${mode})`)
    for (const k of points) {
      restore(before)
      standin.failRequest({ at: standin.databaseRequests() + k, mode })
      // The reminders after the publish never fail the run: their failure shows in the report instead.
      const failed = await runDailyPublish(app.deps).then(
        (report) => report.morningReminder === null || (report.dueReminders ?? []).some((r) => r.error !== null),
        () => true,
      )
      const happened = standin.failureHappened()
      standin.failRequest(null)
      if (happened && !failed) mismatches.push(`request ${k}: the run reported success`)
      await runDailyPublish(app.deps)
      if (JSON.stringify(app.dump()) !== JSON.stringify(clean)) mismatches.push(`request ${k}: differs from a clean run`)
    }
    expect(mismatches).toEqual([])
  }, 120_000)
})
