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
  people: [['townshipId']],
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
} as const satisfies Record<string, ReadonlyArray<ReadonlyArray<string>>>

export type CollectionName = keyof typeof COLLECTIONS
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[]
