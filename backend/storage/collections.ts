/**
 * Every collection and every index the app's queries use. Both adapters create these (SQLite as
 * expression indexes); for WeChat cloud they are listed in the README to create in the console.
 * A query whose where/orderBy fields are not a prefix of one of these indexes is a bug.
 * Paginated lists order by their key and then `_id`, so items sharing a key (created in the same
 * millisecond) still have one order and a cursor can resume between them.
 */
export const COLLECTIONS = {
  townships: [],
  villages: [['townshipId', 'order', '_id']],
  people: [['townshipId', 'createdAt'], ['villageId']],
  notices: [
    ['villageId', 'createdAt', '_id'],
    ['villageId', 'status', 'createdAt', '_id'],
    ['status', 'publishDate'],
    ['villageId', 'status', 'publishDate'],
    ['villageId', 'boardDate'],
    // The daily run's retention step: criticisms whose subject is not yet reduced, by board day.
    ['kind', 'subjectReduced', 'boardDate'],
  ],
  boards: [
    ['villageId', 'date', '_id'],
    // The daily run reads a township's boards of the day in one query.
    ['townshipId', 'date'],
  ],
  objections: [
    ['villageId', 'status', 'createdAt', '_id'],
    ['noticeId', 'status'],
  ],
  audit: [['entityId', 'at']],
  // Notifications (backend/notify): a person's inbox, newest first, and its unread count.
  inbox: [
    ['openid', 'sortKey'],
    ['openid', 'unread'],
    // Messages owed after a commit that nothing finished (backend/notify/owed.ts, the 07:00 run).
    ['sending', 'createdAt'],
  ],
  // One-time subscribe-message subscriptions per person and template; the 07:00 run's due board reminders.
  subscriptions: [['template', 'eligible', 'sentDay']],
  // Who holds which role where, so notifications find a village's secretaries with one query.
  roleHolders: [
    ['openid'],
    ['villageId', 'role', 'active'],
    ['townshipId', 'role', 'active'],
    ['townshipId', 'role', 'star', 'active'],
    // role.list: the township's or the village's holders in OPENID order.
    ['townshipId', 'active', 'openid'],
    ['villageId', 'active', 'openid'],
  ],
  invites: [
    ['codeHash'],
    ['townshipId', 'createdAt'],
    ['villageId', 'createdAt'],
  ],
  /** Wrong invitation codes per person (by OPENID), for the 10-an-hour limit. */
  inviteAttempts: [],
  /** Server-side settings, e.g. the invitation-code pepper when INVITE_PEPPER is not configured. */
  settings: [],
  catalogues: [],
  targets: [['townshipId', 'year', 'villageId']],
  ledger: [
    ['villageId', 'month', 'sortKey'],
    ['villageId', 'sortKey'],
    ['villageId', 'status', 'sortKey'],
    ['villageId', 'star', 'sortKey'],
    ['townshipId', 'sortKey'],
    ['townshipId', 'month', 'sortKey'],
    ['townshipId', 'star', 'status', 'sortKey'],
    ['townshipId', 'status', 'sortKey'],
  ],
  compliance: [],
  checklist: [
    ['villageId', 'sortKey'],
    ['villageId', 'status', 'sortKey'],
    ['villageId', 'star', 'sortKey'],
    ['villageId', 'ownerId', 'sortKey'],
    // The daily due/overdue reminders (backend/notify/checklist-reminders.ts): open items owed a reminder.
    ['status', 'remindKey'],
  ],
  // One per village: its checklist's figures, kept on write (core/checklist-tally.ts); read by id.
  checklistTallies: [],
  applications: [
    ['villageId', 'sortKey'],
    ['villageId', 'year', 'sortKey'],
    ['townshipId', 'status', 'sortKey'],
    ['townshipId', 'star', 'status', 'sortKey'],
  ],
  ratings: [],
  /**
   * Edit requests already applied, with their answers (backend/create-once.ts editOnce): a retry gets
   * the first answer. The daily run forgets those older than the retention period, by `at`.
   */
  requests: [['at']],
  // 季度观摩: a township's tours newest first, and its latest closed one (the dashboard).
  tours: [
    ['townshipId', 'sortKey'],
    ['townshipId', 'status', 'sortKey'],
  ],
  // One score sheet per person per stop (id tour_village_scorer); a tour's sheets in one query.
  tourSheets: [['tourId', 'villageId']],
  // 评选 (每周之星, 优秀小组, 五好家庭): a village's list by year; the daily run reads a day's confirmed ones per township.
  awards: [
    ['villageId', 'year', 'sortKey'],
    ['villageId', 'year', 'status', 'sortKey'],
    ['villageId', 'year', 'kind', 'sortKey'],
    ['villageId', 'year', 'kind', 'status', 'sortKey'],
    ['townshipId', 'boardDate'],
    ['villageId', 'boardDate'],
  ],
  // 每周专题会: one per village and ISO week, the week's events by star, kept on write (core/weekly-report.ts); read by id.
  weeklyTallies: [],
  // A 专班's closed week (the frozen report); read by id.
  weeklyReports: [],
  // 联系村: one per village and year; the township's list, and a leader's own villages.
  contacts: [['townshipId', 'year', 'villageId'], ['leaderId', 'year']],
  // 联系领导 attendance of 主题党日 / 组织生活会, one per village and year, kept on ledger writes (core/attendance.ts).
  attendance: [['townshipId', 'year']],
} as const satisfies Record<string, ReadonlyArray<ReadonlyArray<string>>>

export type CollectionName = keyof typeof COLLECTIONS
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[]
