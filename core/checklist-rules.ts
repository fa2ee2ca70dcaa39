import type { ChecklistItem, ChecklistStatus } from '../types/checklist'
import { DomainError } from './errors'

/** Start or pause work, edit, close off with evidence (销号), accept or reject the closing. */
export type ChecklistEvent = 'start' | 'pause' | 'edit' | 'close' | 'accept' | 'reject'

/** The checklist state machine (absent: refused). A rejected closing reopens the item. */
export const CHECKLIST_TRANSITIONS: Record<ChecklistStatus, Partial<Record<ChecklistEvent, ChecklistStatus>>> = {
  open: { start: 'in_progress', edit: 'open', close: 'awaiting' },
  in_progress: { pause: 'open', edit: 'in_progress', close: 'awaiting' },
  awaiting: { accept: 'done', reject: 'open' },
  done: {},
}

const REFUSALS: Record<ChecklistEvent, string> = {
  start: '该事项当前不能标记为进行中',
  pause: '该事项当前不能改回未开始',
  edit: '待验收或已销号的事项不能修改',
  close: '该事项已提交销号或已销号',
  accept: '该事项不在待验收状态（可能已被他人处理），请刷新',
  reject: '该事项不在待验收状态（可能已被他人处理），请刷新',
}

export function checklistTransition(status: ChecklistStatus, event: ChecklistEvent): ChecklistStatus {
  const next = CHECKLIST_TRANSITIONS[status][event]
  if (!next) throw new DomainError('CONFLICT', REFUSALS[event])
  return next
}

/** Overdue: not done and its due month has ended (China time). */
export const isOverdue = (item: Pick<ChecklistItem, 'status' | 'dueMonth'>, currentMonth: string) =>
  item.status !== 'done' && item.dueMonth < currentMonth

export const sortKeyOf = (dueMonth: string, id: string) => `${dueMonth}_${id}`

/**
 * When an item is next owed a reminder (stored as `remindKey` = `<month>_<id>`, indexed with its
 * status, so the daily run reads only the items owed one): from its due month (the "due this month"
 * reminder); after that reminder, from the month after (the overdue one); after the overdue one, never.
 * Moving the due month starts over.
 */
export const NEVER_REMIND = '~'
export const remindKeyOf = (remindFrom: string, id: string) => `${remindFrom}_${id}`

/** The item's next reminder month once the reminder of `month` has gone out. */
export const remindFromAfter = (dueMonth: string, month: string, nextMonth: (m: string) => string): string =>
  month <= dueMonth ? nextMonth(dueMonth) : NEVER_REMIND
