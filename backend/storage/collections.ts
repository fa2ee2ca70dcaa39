/**
 * Every collection and every index the app's queries use. Both adapters create these (SQLite as
 * expression indexes); for WeChat cloud they are listed in the README to create in the console.
 * A query whose where/orderBy fields are not a prefix of one of these indexes is a bug.
 */
export const COLLECTIONS = {
  townships: [],
  villages: [['townshipId', 'order']],
  people: [['townshipId']],
  notices: [
    ['villageId', 'createdAt'],
    ['villageId', 'status', 'createdAt'],
    ['status', 'publishDate'],
    ['villageId', 'status', 'publishDate'],
    ['villageId', 'boardDate'],
  ],
  boards: [['villageId', 'date']],
  objections: [
    ['villageId', 'status', 'createdAt'],
    ['noticeId', 'status'],
  ],
  audit: [['entityId', 'at']],
  // Notifications (backend/notify): a person's inbox, newest first, and its unread count.
  inbox: [
    ['openid', 'sortKey'],
    ['openid', 'unread'],
  ],
  // One-time subscribe-message subscriptions per person and template; the 07:00 run's due board reminders.
  subscriptions: [['template', 'eligible', 'sentDay']],
  // Who holds which role where, so notifications find a village's secretaries with one query.
  roleHolders: [
    ['openid'],
    ['villageId', 'role', 'active'],
    ['townshipId', 'role', 'active'],
    ['townshipId', 'role', 'star', 'active'],
  ],
} as const satisfies Record<string, ReadonlyArray<ReadonlyArray<string>>>

export type CollectionName = keyof typeof COLLECTIONS
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[]
