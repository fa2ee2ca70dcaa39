import { z } from 'zod'
import { ZDay, ZId, ZPageLimit, ZCursor } from './common'
import { ZNoticeCategory, ZNoticeKind } from './notice'
import { ZBoardAward } from './award'

/** One notice as the public board shows it: a criticised name is masked. */
export const ZBoardEntry = z.object({
  noticeId: ZId,
  kind: ZNoticeKind,
  category: ZNoticeCategory,
  subjectLabel: z.string(),
  text: z.string(),
  photos: z.array(z.string()),
  rectified: z.boolean(),
})
export type BoardEntry = z.infer<typeof ZBoardEntry>

/** 表扬曝光台: a village's board for one day, with its 广播稿 loudspeaker script. */
export const ZBoard = z.object({
  id: z.string(),
  villageId: ZId,
  villageName: z.string(),
  date: ZDay,
  publishedAt: z.string(),
  entries: z.array(ZBoardEntry),
  script: z.string(),
  /** True when the caller sees the cadres' view (full names, old criticisms kept). */
  internal: z.boolean(),
  /** 评选: confirmed awards shown as their own block (每周之星, 优秀小组, 五好家庭), with the prize. */
  awards: z.array(ZBoardAward).optional(),
})
export type Board = z.infer<typeof ZBoard>

export const ZBoardGet = z.object({ villageId: ZId, date: ZDay.optional() })
export const ZBoardListDates = z.object({
  villageId: ZId,
  cursor: ZCursor.optional(),
  limit: ZPageLimit.default(20),
})
export const ZBoardDate = z.object({ date: ZDay, praiseCount: z.number().int(), criticismCount: z.number().int() })
export type BoardDate = z.infer<typeof ZBoardDate>
