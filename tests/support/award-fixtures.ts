import type { Award } from '../../types/award'
import type { Notice } from '../../types/notice'
import { toDoc } from '../../backend/repository'
import { addDays, isoWeekOf } from '../../core/time'
import { makeNotice } from './factories'
import type { FixtureContext, FixtureTarget } from './action-fixtures'

/** A praise on yesterday's board of the target village (so today's board stays as it was); its week is `isoWeekOf(yesterday)`. */
export async function plantPublishedPraise(ctx: FixtureContext, target: FixtureTarget, overrides: Partial<Notice> = {}): Promise<Notice> {
  const yesterday = addDays(ctx.today, -1)
  const notice = makeNotice({
    id: ctx.nextId('n'), townshipId: target.townshipId, villageId: target.villageId, kind: 'praise',
    subject: { name: '钱德胜', householdNo: '6组9号' }, text: '二十年如一日照顾年迈的岳父母，从不叫苦。',
    publishDate: yesterday, boardDate: yesterday, createdAt: ctx.now.toISOString(), draftedBy: 'fixture-drafter', reviewedBy: 'fixture-reviewer',
    ...overrides,
  })
  await ctx.store.insert('notices', toDoc(notice))
  return notice
}

/** The week a notice planted by plantPublishedPraise falls in. */
export const praiseWeek = (ctx: FixtureContext) => isoWeekOf(addDays(ctx.today, -1)).key

/** An award record as award.nominate stores it (a 每周之星 of 帖沟村 unless overridden). */
export function makeAward(overrides: Partial<Award> = {}): Award {
  const at = '2026-11-27T02:00:00.000Z'
  return {
    id: 'aw1', townshipId: 'fanggang', villageId: 'tiegou', kind: 'weeklyStar', week: '2026-W48', year: 2026, noticeId: 'n1',
    subject: { name: '钱德胜', householdNo: '6组9号' }, group: null, label: '钱德胜（6组9号）', reason: '二十年如一日照顾年迈的岳父母，从不叫苦。',
    prize: '洗衣粉一袋', status: 'nominated', nominatedBy: 'fixture-nominator', nominatedByName: '提名人', nominatedAt: at,
    decidedBy: null, decidedByName: null, decidedAt: null, boardDate: null, sortKey: `${at}_aw1`, version: 1,
    ...overrides,
  }
}

/** A nomination awaiting confirmation in the target village, by someone no fixture caller is (four eyes). */
export async function plantNominatedAward(ctx: FixtureContext, target: FixtureTarget, overrides: Partial<Award> = {}): Promise<Award> {
  const id = ctx.nextId('aw')
  const at = ctx.now.toISOString()
  const award = makeAward({
    id, townshipId: target.townshipId, villageId: target.villageId, week: praiseWeek(ctx), year: Number(ctx.today.slice(0, 4)),
    nominatedAt: at, sortKey: `${at}_${id}`, ...overrides,
  })
  await ctx.store.insert('awards', toDoc(award))
  return award
}
