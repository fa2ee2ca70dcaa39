import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { Doc, DocumentStore } from '../../../core/store'
import { COLLECTION_NAMES } from '../../../backend/storage/collections'
import { createCloudStore, type CloudDatabase } from '../../../backend/storage/cloud'
import { startCloudbaseStandin, type CloudbaseStandin } from '../../support/cloudbase-standin'
import { loadSdkAgainstStandin } from '../../support/wx-server-sdk-on-standin'

// Cloud-only behaviour, exercised with the real wx-server-sdk against the CloudBase stand-in (not the real cloud).

let standin: CloudbaseStandin
let db: CloudDatabase
let store: DocumentStore
beforeAll(async () => {
  standin = await startCloudbaseStandin({ collections: COLLECTION_NAMES })
  db = loadSdkAgainstStandin(standin).database()
  store = createCloudStore(db)
})
afterAll(() => standin.close())
beforeEach(() => standin.reset())

const board = (overrides: Partial<Doc> = {}): Doc => ({ _id: 'b1', villageId: 'v1', date: '2026-11-27', hits: 0, ...overrides })

/** The HTTP requests one port operation sends, by action. */
async function requestsOf(operation: () => Promise<unknown>): Promise<Record<string, number>> {
  standin.resetRequestCounts()
  await operation().catch(() => undefined)
  return standin.requestCounts()
}

describe('cloud adapter: requests per port operation', () => {
  test('get, find and count each cost one request', async () => {
    expect(await requestsOf(() => store.get('boards', 'b1'))).toEqual({ 'database.getDocument': 1 })
    const find = () => store.find('boards', { where: { villageId: 'v1' }, orderBy: [['date', 'desc']], limit: 20 })
    expect(await requestsOf(find)).toEqual({ 'database.getDocument': 1 })
    expect(await requestsOf(() => store.count('boards', { villageId: 'v1' }))).toEqual({ 'database.calculateDocument': 1 })
  })

  test('insert and insertIfAbsent cost one request, taken id or not', async () => {
    expect(await requestsOf(() => store.insert('boards', board()))).toEqual({ 'database.insertDocument': 1 })
    expect(await requestsOf(() => store.insert('boards', board()))).toEqual({ 'database.insertDocument': 1 })
    expect(await requestsOf(() => store.insertIfAbsent('boards', board()))).toEqual({ 'database.insertDocument': 1 })
  })

  test('patch and patchIf cost one request when they modify, two when they do not', async () => {
    await store.insert('boards', board())
    expect(await requestsOf(() => store.patch('boards', 'b1', { hits: 1 }))).toEqual({ 'database.modifyDocument': 1 })
    expect(await requestsOf(() => store.patchIf('boards', 'b1', { hits: 1 }, { hits: 2 }))).toEqual({ 'database.modifyDocument': 1 })
    // Not modified: a read tells a failed expectation from values already in place.
    expect(await requestsOf(() => store.patchIf('boards', 'b1', { hits: 1 }, { hits: 3 }))).toEqual({
      'database.modifyDocument': 1,
      'database.getDocument': 1,
    })
  })

  test('a transaction costs start and commit plus one request per get or patch and two per insert', async () => {
    await store.insert('boards', board())
    const work = () =>
      store.transaction(async (tx) => {
        await tx.get('boards', 'b1')
        await tx.patch('boards', 'b1', { hits: 1 })
        await tx.insert('boards', board({ _id: 'b2' }))
      })
    expect(await requestsOf(work)).toEqual({
      'database.startTransaction': 1,
      'database.getDocument': 2,
      'database.modifyDocument': 1,
      'database.insertDocument': 1,
      'database.commitTransaction': 1,
    })
  })

  test('a transaction whose work throws is aborted', async () => {
    const failing = () => store.transaction(async () => Promise.reject(new Error('no')))
    expect(await requestsOf(failing)).toEqual({ 'database.startTransaction': 1, 'database.abortTransaction': 1 })
  })
})

describe('cloud adapter: conflicts', () => {
  test('a commit that conflicts with a write outside the transaction is re-run by the SDK', async () => {
    await store.insert('boards', board())
    const elsewhere = createCloudStore(db) // another caller, outside this transaction
    let runs = 0
    await store.transaction(async (tx) => {
      runs++
      const current = await tx.get<Doc & { hits: number }>('boards', 'b1')
      if (runs === 1) await elsewhere.patch('boards', 'b1', { hits: 10 })
      await tx.patch('boards', 'b1', { hits: current!.hits + 1 })
    })
    expect(runs).toBe(2)
    expect(await store.get('boards', 'b1')).toEqual(board({ hits: 11 }))
  })
})

describe('CloudBase stand-in', () => {
  test('a child process running the real SDK reaches it as the given caller', async () => {
    await store.insert('boards', board())
    const script = `
      const cloud = require('wx-server-sdk')
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
      cloud.database().collection('boards').where({ _id: 'b1' }).get()
        .then((res) => console.log(JSON.stringify({ openid: cloud.getWXContext().OPENID, hits: res.data[0].hits })))
    `
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, ...standin.sdkEnv({ openid: 'o-child-caller' }) },
    })
    expect(JSON.parse(stdout)).toEqual({ openid: 'o-child-caller', hits: 0 })
  })
})
