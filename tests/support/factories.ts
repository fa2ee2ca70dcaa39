import type { ApiResponse } from '../../types/errors'
import type { ActionInput } from '../../types/api'
import type { Notice } from '../../types/notice'
import type { BoardEntry } from '../../types/board'
import type { RoleGrant } from '../../types/roles'
import type { Caller, Person } from '../../core/caller'
import { addDays, chinaDay, publishInstant } from '../../core/time'
import { DEMO, makeDraft, type TestApp } from './app-harness'
import { syncRoleDirectory } from '../../backend/notify/recipients'

// Small factories for the behaviour tests: each builds one valid thing, overridable field by field.

/** A stored notice as the contract describes it (a published praise on 2026-11-27 unless overridden). */
export function makeNotice(overrides: Partial<Notice> = {}): Notice {
  const { villageId, kind, category, subject, text } = makeDraft()
  return {
    id: 'n1',
    townshipId: 'fanggang',
    villageId,
    kind,
    category,
    subject: { name: subject.name, householdNo: subject.householdNo },
    text,
    photos: [],
    publishDate: '2026-11-27',
    status: 'published',
    draftedBy: DEMO.cadre,
    draftedByName: '张建国',
    createdAt: '2026-11-26T02:00:00.000Z',
    reviewedBy: DEMO.secretary,
    reviewedAt: '2026-11-26T03:00:00.000Z',
    reviewComment: null,
    boardDate: '2026-11-27',
    rectifiedAt: null,
    openObjections: 0,
    version: 3,
    ...overrides,
  }
}

/** A published criticism of 赵国庆 on the given board day. */
export function makeCriticism(overrides: Partial<Notice> = {}): Notice {
  return makeNotice({
    kind: 'criticism',
    subject: { name: '赵国庆', householdNo: '2组8号' },
    text: '门前堆放柴草，请于三日内清理完毕。',
    ...overrides,
  })
}

/** One line of a board, as the public sees it. */
export function makeBoardEntry(overrides: Partial<BoardEntry> = {}): BoardEntry {
  return {
    noticeId: 'n1',
    kind: 'praise',
    category: '人居环境',
    subjectLabel: '王建军（3组12号）',
    text: '主动清理门前杂物，庭院整洁有序。',
    photos: [],
    rectified: false,
    ...overrides,
  }
}

/** A person record (the `people` collection); a 村民 of 帖沟村 with no grants unless overridden. */
export function makePerson(overrides: Partial<Person> = {}): Person {
  return {
    _id: 'person-1',
    name: '测试用户',
    townshipId: 'fanggang',
    villageId: 'tiegou',
    grants: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  }
}

/** A caller holding `grants`; `villageId` is their own bound village (null: none). */
export function makeCaller(grants: RoleGrant[], villageId: string | null = null, openid = 'caller-1'): Caller {
  return { openid, person: makePerson({ _id: openid, villageId, grants }) }
}

/** Stores a person in the app's database and answers their openid (e.g. a cadre of another village). */
export async function insertPerson(app: TestApp, overrides: Partial<Person> = {}): Promise<string> {
  const person = makePerson(overrides)
  await app.store.insert('people', { ...person })
  // As the app's own writers of grants do: keep the role directory (who to notify) in step.
  await syncRoleDirectory(app.store, person)
  return person._id
}

/** A cadre of 刘岗村: a real cadre, but not of 帖沟村. */
export const insertOtherVillageCadre = (app: TestApp) =>
  insertPerson(app, { _id: 'cadre-liugang', name: '刘明', villageId: 'liugang', grants: [{ role: 'cadre', villageId: 'liugang' }] })

/** Another villager of 帖沟村, for objections by a second person. */
export const insertSecondVillager = (app: TestApp) =>
  insertPerson(app, { _id: 'villager-tiegou-2', name: '陈小红', villageId: 'tiegou' })

/** Today in China on the app's clock, and a day relative to it. */
export const today = (app: TestApp) => chinaDay(app.clock.now)
export const dayFromToday = (app: TestApp, n: number) => addDays(today(app), n)

/** Moves the app's clock to `day` at hh:mm China time. */
export function setChinaTime(app: TestApp, day: string, hhmm: string): void {
  const [h, m] = hhmm.split(':').map(Number)
  app.setNow(new Date(publishInstant(day).getTime() + ((h - 7) * 60 + m) * 60_000).toISOString())
}

/** A criticism draft for 帖沟村, overridable like makeDraft. */
export const makeCriticismDraft = (overrides: Partial<ActionInput<'notice.draft'>> = {}) =>
  makeDraft({
    kind: 'criticism',
    category: '人居环境',
    subject: { name: '赵国庆', householdNo: '2组8号' },
    text: '门前长期堆放柴草，请于三日内清理完毕。',
    ...overrides,
  })

/** Answers the data of a call that must succeed, or fails the test with the error it got. */
export async function ok<T = any>(response: Promise<{ ok: boolean; data?: T; error?: unknown }>): Promise<T> {
  const r = await response
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error)}`)
  return r.data as T
}

/** Answers the error of a call that must be refused, or fails the test if it succeeded. */
export async function refused(response: Promise<ApiResponse<unknown>>) {
  const r = await response
  if (r.ok) throw new Error('expected a refusal')
  return r.error
}

/** The cadre drafts `draft`; answers the stored notice. */
export const draftAsCadre = (app: TestApp, draft = makeDraft({ publishDate: dayFromToday(app, 1) })) =>
  ok<Notice>(app.call(DEMO.cadre, 'notice.draft', draft))

/** Drafted by the cadre, approved by the secretary; answers the notice after review. */
export async function draftAndApprove(app: TestApp, draft = makeDraft({ publishDate: dayFromToday(app, 1) })): Promise<Notice> {
  const drafted = await draftAsCadre(app, draft)
  return ok<Notice>(app.call(DEMO.secretary, 'notice.review', { noticeId: drafted.id, decision: 'approve' }))
}

/**
 * A criticism on today's board: drafted for today after 07:00, so its approval publishes it at once.
 * The app's clock must be past today's 07:00 (the harness default is 10:00).
 */
export async function publishedCriticismToday(app: TestApp, overrides: Partial<ActionInput<'notice.draft'>> = {}): Promise<Notice> {
  const notice = await draftAndApprove(app, makeCriticismDraft({ publishDate: today(app), ...overrides }))
  if (notice.status !== 'published') throw new Error(`expected a published criticism, got ${notice.status}`)
  return notice
}

/** Stores a cadre and a secretary of `villageId`; answers their openids. */
export async function insertVillageStaff(app: TestApp, villageId: string): Promise<{ cadre: string; secretary: string }> {
  const cadre = await insertPerson(app, { _id: `cadre-${villageId}`, name: '村干部', villageId, grants: [{ role: 'cadre', villageId }] })
  const secretary = await insertPerson(app, {
    _id: `secretary-${villageId}`, name: '村书记', villageId,
    grants: [{ role: 'secretary', villageId }, { role: 'cadre', villageId }],
  })
  return { cadre, secretary }
}
