import { StoreConflict, type Doc, type DocumentStore } from '../../../core/store'
import { COLLECTION_NAMES } from '../../../backend/storage/collections'
import { StoreMisuse, StoreMissing } from '../../../backend/storage/errors'
import { createSqliteStore } from '../../../backend/storage/sqlite'
import { createCloudStore } from '../../../backend/storage/cloud'
import { startCloudbaseStandin, type CloudbaseStandin } from '../../support/cloudbase-standin'
import { loadSdkAgainstStandin } from '../../support/wx-server-sdk-on-standin'

/** A fresh, empty store and a way to read back everything it holds. */
interface Harness {
  store: DocumentStore
  data(): Record<string, Doc[]>
  close(): void
}

let sequence = 0
const makeNotice = (overrides: Partial<Doc> = {}): Doc => ({
  _id: `n${String(++sequence).padStart(4, '0')}`,
  villageId: 'v1',
  status: 'draft',
  createdAt: '2026-11-01T00:00:00.000Z',
  title: '通知',
  ...overrides,
})
const ids = (docs: Doc[]) => docs.map((d) => d._id)

function storeContract(makeHarness: () => Promise<Harness>) {
  let harness: Harness
  let store: DocumentStore
  beforeEach(async () => {
    harness = await makeHarness()
    store = harness.store
  })
  afterEach(() => harness.close())

  const insertAll = async (docs: Doc[]) => {
    for (const doc of docs) await store.insert('notices', doc)
  }

  test('get of a missing id is null', async () => {
    expect(await store.get('notices', 'nope')).toBeNull()
  })

  test('insert then get round-trips nested JSON, unicode and emoji', async () => {
    const doc = makeNotice({
      title: '方岗镇 “五星” 支部 🌟👍🏽',
      body: { lines: ['第一行', { quote: '引号"\\反斜杠', empty: {} }], tags: [], count: 3, ratio: 0.25, ok: true, none: null },
    })
    await store.insert('notices', doc)
    expect(await store.get('notices', doc._id)).toEqual(doc)
  })

  test('duplicate insert throws StoreConflict and changes nothing', async () => {
    const doc = makeNotice()
    await store.insert('notices', doc)
    const before = harness.data()
    await expect(store.insert('notices', { ...doc, title: 'other' })).rejects.toBeInstanceOf(StoreConflict)
    expect(harness.data()).toEqual(before)
  })

  test('insertIfAbsent inserts once, then answers false and keeps the first document', async () => {
    const doc = makeNotice()
    expect(await store.insertIfAbsent('notices', doc)).toBe(true)
    expect(await store.insertIfAbsent('notices', { ...doc, title: 'second' })).toBe(false)
    expect(await store.get('notices', doc._id)).toEqual(doc)
  })

  test('find by equality', async () => {
    const [a, b] = [makeNotice({ villageId: 'v1' }), makeNotice({ villageId: 'v2' })]
    await insertAll([a, b])
    expect(ids(await store.find('notices', { where: { villageId: 'v2' }, limit: 10 }))).toEqual([b._id])
  })

  test('find by $in', async () => {
    const docs = ['v1', 'v2', 'v3'].map((villageId) => makeNotice({ villageId }))
    await insertAll(docs)
    const found = await store.find('notices', { where: { villageId: { $in: ['v1', 'v3', 'v9'] } }, limit: 10 })
    expect(ids(found).sort()).toEqual([docs[0]._id, docs[2]._id])
  })

  test('find by range bounds, inclusive and exclusive', async () => {
    const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'].map((d) => makeNotice({ createdAt: `${d}T00:00:00.000Z` }))
    await insertAll(days)
    const query = (createdAt: Record<string, string>) =>
      store.find('notices', { where: { villageId: 'v1', createdAt }, orderBy: [['createdAt', 'asc']], limit: 10 })
    expect(ids(await query({ $gt: '2026-11-01T00:00:00.000Z', $lte: '2026-11-03T00:00:00.000Z' }))).toEqual(ids(days.slice(1, 3)))
    expect(ids(await query({ $gte: '2026-11-02T00:00:00.000Z', $lt: '2026-11-04T00:00:00.000Z' }))).toEqual(ids(days.slice(1, 3)))
  })

  test('$in on one field with a range and order on another (the checklist reminder scan)', async () => {
    const items = [
      ['c1', 'open', '2026-10_c1'], ['c2', 'done', '2026-10_c2'], ['c3', 'in_progress', '2026-11_c3'],
      ['c4', 'awaiting', '2026-11_c4'], ['c5', 'open', '2026-11_c5'], ['c6', 'open', '2026-12_c6'],
    ].map(([_id, status, remindKey]) => ({ _id, status, remindKey, villageId: 'v1' }))
    for (const item of items) await store.insert('checklist', item)
    const page = (remindKey: Record<string, string>) =>
      store.find('checklist', { where: { status: { $in: ['open', 'in_progress'] }, remindKey }, orderBy: [['remindKey', 'asc']], limit: 2 })
    expect(ids(await page({ $lt: '2026-11~' }))).toEqual(['c1', 'c3'])
    expect(ids(await page({ $gt: '2026-11_c3', $lt: '2026-11~' }))).toEqual(['c5'])
  })

  test('a numeric range matches numbers only, never strings or booleans', async () => {
    const docs = [1, 5, '7', true].map((order, i) => ({ _id: `village${i}`, townshipId: 't1', order }))
    for (const doc of docs) await store.insert('villages', doc)
    const found = await store.find('villages', { where: { townshipId: 't1', order: { $gte: 0 } }, orderBy: [['order', 'asc']], limit: 10 })
    expect(ids(found)).toEqual(['village0', 'village1'])
  })

  test('find by $ne also matches documents without the field', async () => {
    const [draft, approved, bare] = [makeNotice({ status: 'draft' }), makeNotice({ status: 'approved' }), makeNotice()]
    delete bare.status
    await insertAll([draft, approved, bare])
    const found = await store.find('notices', { where: { villageId: 'v1', status: { $ne: 'draft' } }, limit: 10 })
    expect(ids(found).sort()).toEqual([approved._id, bare._id])
  })

  test('orderBy two fields ascending', async () => {
    const docs = [makeNotice({ villageId: 'v2', createdAt: '1' }), makeNotice({ villageId: 'v1', createdAt: '2' }), makeNotice({ villageId: 'v1', createdAt: '1' })]
    await insertAll(docs)
    const found = await store.find('notices', { where: {}, orderBy: [['villageId', 'asc'], ['createdAt', 'asc']], limit: 10 })
    expect(ids(found)).toEqual([docs[2]._id, docs[1]._id, docs[0]._id])
  })

  test('orderBy two fields descending', async () => {
    const docs = [makeNotice({ villageId: 'v2', createdAt: '1' }), makeNotice({ villageId: 'v1', createdAt: '2' }), makeNotice({ villageId: 'v1', createdAt: '1' })]
    await insertAll(docs)
    const found = await store.find('notices', { where: {}, orderBy: [['villageId', 'desc'], ['createdAt', 'desc']], limit: 10 })
    expect(ids(found)).toEqual([docs[0]._id, docs[1]._id, docs[2]._id])
  })

  test('limit returns the first documents in order', async () => {
    const docs = ['3', '1', '4', '2'].map((createdAt) => makeNotice({ createdAt }))
    await insertAll(docs)
    const found = await store.find<Doc>('notices', { where: { villageId: 'v1' }, orderBy: [['createdAt', 'desc']], limit: 2 })
    expect(found.map((d) => d.createdAt)).toEqual(['4', '3'])
  })

  test('count counts the matching documents', async () => {
    await insertAll([makeNotice({ status: 'draft' }), makeNotice({ status: 'draft' }), makeNotice({ status: 'approved' })])
    expect(await store.count('notices', { villageId: 'v1', status: 'draft' })).toBe(2)
    expect(await store.count('notices', {})).toBe(3)
  })

  test('patch replaces nested objects rather than merging them', async () => {
    const doc = makeNotice({ body: { a: 1, b: { c: 2 } }, list: [1, 2, 3] })
    await store.insert('notices', doc)
    await store.patch('notices', doc._id, { body: { b: { d: 4 } }, list: [9] })
    expect(await store.get('notices', doc._id)).toEqual({ ...doc, body: { b: { d: 4 } }, list: [9] })
  })

  test('patch with an undefined value removes the field', async () => {
    const doc = makeNotice({ reason: '重复' })
    await store.insert('notices', doc)
    await store.patch('notices', doc._id, { reason: undefined, status: 'approved' })
    const { reason, ...rest } = doc
    expect(await store.get('notices', doc._id)).toEqual({ ...rest, status: 'approved' })
  })

  test('patch of a missing document throws StoreMissing', async () => {
    await expect(store.patch('notices', 'nope', { status: 'approved' })).rejects.toBeInstanceOf(StoreMissing)
  })

  test('patch with no fields changes nothing', async () => {
    const doc = makeNotice()
    await store.insert('notices', doc)
    await store.patch('notices', doc._id, {})
    expect(await store.get('notices', doc._id)).toEqual(doc)
  })

  test('patchIf succeeds only when every expectation holds', async () => {
    const doc = makeNotice({ status: 'draft', version: 1 })
    await store.insert('notices', doc)
    expect(await store.patchIf('notices', doc._id, { status: 'draft', version: 2 }, { status: 'approved' })).toBe(false)
    expect(await store.get('notices', doc._id)).toEqual(doc)
    expect(await store.patchIf('notices', doc._id, { status: 'draft', version: 1 }, { status: 'approved', version: 2 })).toBe(true)
    expect(await store.get('notices', doc._id)).toEqual({ ...doc, status: 'approved', version: 2 })
  })

  test('patchIf answers true when the expectation holds and the values are already in place', async () => {
    const doc = makeNotice({ status: 'approved' })
    await store.insert('notices', doc)
    expect(await store.patchIf('notices', doc._id, { status: 'approved' }, { status: 'approved' })).toBe(true)
  })

  test('patchIf of a missing document answers false', async () => {
    expect(await store.patchIf('notices', 'nope', { status: 'draft' }, { status: 'approved' })).toBe(false)
  })

  test('of 20 concurrent patchIf with the same expectation exactly one wins', async () => {
    const doc = makeNotice({ status: 'draft' })
    await store.insert('notices', doc)
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.patchIf('notices', doc._id, { status: 'draft' }, { status: 'approved', by: `u${i}` })),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
    const winner = results.indexOf(true)
    expect(await store.get('notices', doc._id)).toEqual({ ...doc, status: 'approved', by: `u${winner}` })
  })

  test('transaction commits all its writes and returns what the work returned', async () => {
    const existing = makeNotice()
    await store.insert('notices', existing)
    const added = makeNotice()
    const result = await store.transaction(async (tx) => {
      await tx.insert('notices', added)
      await tx.patch('notices', existing._id, { status: 'approved' })
      return 'done'
    })
    expect(result).toBe('done')
    expect(await store.get('notices', added._id)).toEqual(added)
    expect(await store.get('notices', existing._id)).toEqual({ ...existing, status: 'approved' })
  })

  test('transaction writes nothing when the work throws, and rethrows its error', async () => {
    const existing = makeNotice()
    await store.insert('notices', existing)
    const before = harness.data()
    const failure = new Error('work failed')
    await expect(
      store.transaction(async (tx) => {
        await tx.insert('notices', makeNotice())
        await tx.patch('notices', existing._id, { status: 'approved' })
        throw failure
      }),
    ).rejects.toBe(failure)
    expect(harness.data()).toEqual(before)
  })

  test('transaction reads its own writes', async () => {
    const doc = makeNotice()
    const seen = await store.transaction(async (tx) => {
      await tx.insert('notices', doc)
      await tx.patch('notices', doc._id, { status: 'approved' })
      return tx.get('notices', doc._id)
    })
    expect(seen).toEqual({ ...doc, status: 'approved' })
  })

  test('inside a transaction, insert of a taken id throws StoreConflict and the work may go on', async () => {
    const doc = makeNotice()
    await store.insert('notices', doc)
    const other = makeNotice()
    await store.transaction(async (tx) => {
      await expect(tx.insert('notices', { ...doc, title: 'again' })).rejects.toBeInstanceOf(StoreConflict)
      await tx.insert('notices', other)
    })
    expect(await store.get('notices', doc._id)).toEqual(doc)
    expect(await store.get('notices', other._id)).toEqual(other)
  })

  test('concurrent transactions never lose an update', async () => {
    await store.insert('boards', { _id: 'b1', villageId: 'v1', date: '2026-11-01', hits: 0 })
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        store.transaction(async (tx) => {
          const board = await tx.get<Doc & { hits: number }>('boards', 'b1')
          await tx.patch('boards', 'b1', { hits: board!.hits + 1 })
        }),
      ),
    )
    const committed = outcomes.filter((o) => o.status === 'fulfilled').length
    expect(committed).toBeGreaterThan(0)
    expect((await store.get<Doc & { hits: number }>('boards', 'b1'))!.hits).toBe(committed)
  })

  test('writing through the store inside a transaction is refused', async () => {
    await expect(store.transaction(() => store.insert('notices', makeNotice()))).rejects.toBeInstanceOf(StoreMisuse)
    expect(await store.count('notices', {})).toBe(0)
  })

  // objections are indexed on (noticeId, status), so these queries are served by an index.
  test('equality on true or false matches booleans only, not 1 or 0', async () => {
    const docs = [true, false, 1, 0].map((status, i) => ({ _id: `o${i}`, noticeId: 'n1', status }))
    for (const doc of docs) await store.insert('objections', doc)
    const having = async (status: boolean | number) => ids(await store.find('objections', { where: { noticeId: 'n1', status }, limit: 10 }))
    expect(await having(true)).toEqual(['o0'])
    expect(await having(false)).toEqual(['o1'])
    expect(await having(1)).toEqual(['o2'])
    expect(await store.count('objections', { noticeId: 'n1', status: { $ne: true } })).toBe(3)
    expect(await store.count('objections', { noticeId: 'n1', status: { $in: [false, 0] } })).toBe(2)
  })

  test('equality on null matches null and missing fields alike', async () => {
    await store.insert('objections', { _id: 'o1', noticeId: 'n1', status: null })
    await store.insert('objections', { _id: 'o2', noticeId: 'n1' })
    await store.insert('objections', { _id: 'o3', noticeId: 'n1', status: 'open' })
    const found = await store.find('objections', { where: { noticeId: 'n1', status: null }, limit: 10 })
    expect(ids(found).sort()).toEqual(['o1', 'o2'])
    expect(await store.count('objections', { noticeId: 'n1', status: { $ne: null } })).toBe(1)
  })

  test('an operator object in place of a value is refused before any query runs', async () => {
    await store.insert('people', { _id: 'p1', townshipId: 't1' })
    const smuggled = { townshipId: { $where: 'sleep(1000)' } } as never
    await expect(store.find('people', { where: smuggled, limit: 10 })).rejects.toBeInstanceOf(StoreMisuse)
    await expect(store.count('people', { townshipId: { $gt: { $ne: 1 } } } as never)).rejects.toBeInstanceOf(StoreMisuse)
    await expect(store.patchIf('people', 'p1', { townshipId: { $ne: 'x' } } as never, { a: 1 })).rejects.toBeInstanceOf(StoreMisuse)
  })

  test('field names that are not plain identifiers are refused', async () => {
    await expect(store.find('people', { where: { "townshipId') OR 1=1 --": 'x' }, limit: 1 })).rejects.toBeInstanceOf(StoreMisuse)
    await expect(store.find('people', { where: { 'a.b': 'x' }, limit: 1 })).rejects.toBeInstanceOf(StoreMisuse)
    await expect(store.insert('people', { _id: 'p1', $set: { admin: true } })).rejects.toBeInstanceOf(StoreMisuse)
    await expect(store.insert('people', { _id: 'p1', profile: { 'a.b': 1 } })).rejects.toBeInstanceOf(StoreMisuse)
    expect(harness.data().people).toEqual([])
  })

  test('updateWhere patches every match in one call and counts only the documents it changed', async () => {
    const docs = [makeNotice({ status: 'approved' }), makeNotice({ status: 'approved' }), makeNotice({ status: 'pending' }), makeNotice({ status: 'approved' })]
    await insertAll(docs)
    const target = docs.slice(0, 3).map((d) => d._id)
    expect(await store.updateWhere('notices', { _id: { $in: target }, status: 'approved' }, { status: 'published', boardDate: '2026-11-28' })).toBe(2)
    const stored = harness.data().notices
    expect(stored.map((d) => [d._id, d.status, d.boardDate ?? null])).toEqual([
      [docs[0]._id, 'published', '2026-11-28'],
      [docs[1]._id, 'published', '2026-11-28'],
      [docs[2]._id, 'pending', null],
      [docs[3]._id, 'approved', null],
    ])
    // Repeated: nothing matches the condition any more, nothing changes.
    expect(await store.updateWhere('notices', { _id: { $in: target }, status: 'approved' }, { status: 'published' })).toBe(0)
    expect(await store.updateWhere('notices', { _id: { $in: target }, status: 'published' }, { status: 'published' })).toBe(0)
    expect(harness.data().notices).toEqual(stored)
  })

  test('updateWhere refuses a where no index serves and works only outside transactions', async () => {
    await expect(store.updateWhere('notices', { title: '通知' }, { status: 'x' })).rejects.toThrow(/no index on notices/)
    await expect(store.transaction((tx) => (store as DocumentStore).updateWhere('notices', { _id: 'n1' }, { status: 'x' }).then(() => tx.get('notices', 'n1')))).rejects.toBeInstanceOf(StoreMisuse)
  })

  test('removeWhere deletes every match in one call, counts them, and leaves the rest', async () => {
    const old = [makeNotice({ createdAt: '2026-10-01T00:00:00.000Z' }), makeNotice({ createdAt: '2026-10-02T00:00:00.000Z' })]
    const recent = makeNotice({ createdAt: '2026-11-20T00:00:00.000Z' })
    const elsewhere = makeNotice({ villageId: 'v2', createdAt: '2026-10-01T00:00:00.000Z' })
    await insertAll([...old, recent, elsewhere])
    expect(await store.removeWhere('notices', { villageId: 'v1', createdAt: { $lt: '2026-11-01' } })).toBe(2)
    expect(ids(harness.data().notices)).toEqual([recent._id, elsewhere._id])
    // Repeated: nothing left to delete.
    expect(await store.removeWhere('notices', { villageId: 'v1', createdAt: { $lt: '2026-11-01' } })).toBe(0)
    expect(ids(harness.data().notices)).toEqual([recent._id, elsewhere._id])
  })

  test('removeWhere refuses a where no index serves and works only outside transactions', async () => {
    await insertAll([makeNotice({ _id: 'n1' })])
    await expect(store.removeWhere('notices', { title: '通知' })).rejects.toThrow(/no index on notices/)
    await expect(store.transaction((tx) => (store as DocumentStore).removeWhere('notices', { _id: 'n1' }).then(() => tx.get('notices', 'n1')))).rejects.toBeInstanceOf(StoreMisuse)
    expect(ids(harness.data().notices)).toEqual(['n1'])
  })

  test('a string range on _id pages through documents that share a key', async () => {
    const same = '2026-11-27T02:00:00.000Z'
    const docs = ['a1', 'a2', 'a3', 'a4'].map((id) => makeNotice({ _id: id, createdAt: same }))
    await insertAll(docs)
    const page = await store.find('notices', { where: { villageId: 'v1', createdAt: same, _id: { $lt: 'a3' } }, orderBy: [['_id', 'desc']], limit: 10 })
    expect(ids(page)).toEqual(['a2', 'a1'])
    await expect(store.find('notices', { where: { _id: { $lt: 3 } }, limit: 1 })).rejects.toBeInstanceOf(StoreMisuse)
  })

  test('a query no declared index serves is refused', async () => {
    await expect(store.find('notices', { where: { title: '通知' }, limit: 10 })).rejects.toThrow(/no index on notices/)
    await expect(store.find('notices', { where: { villageId: 'v1' }, orderBy: [['title', 'asc']], limit: 10 })).rejects.toThrow(/no index/)
  })

  test('unknown collections and out-of-range limits are refused', async () => {
    await expect(store.get('secrets', 'x')).rejects.toBeInstanceOf(StoreMisuse)
    await expect(store.find('notices', { where: {}, limit: 1001 })).rejects.toBeInstanceOf(StoreMisuse)
  })
}

describe('sqlite adapter', () => {
  storeContract(async () => {
    const store = createSqliteStore({ file: ':memory:' })
    return { store, data: () => store.dump(), close: () => store.close() }
  })
})

describe('cloud adapter (real wx-server-sdk against the CloudBase stand-in — not the real cloud)', () => {
  let standin: CloudbaseStandin
  let store: DocumentStore
  beforeAll(async () => {
    standin = await startCloudbaseStandin({ collections: COLLECTION_NAMES })
    store = createCloudStore(loadSdkAgainstStandin(standin).database())
  })
  afterAll(() => standin.close())

  storeContract(async () => {
    standin.reset()
    return { store, data: () => standin.exportData(), close: () => undefined }
  })
})
