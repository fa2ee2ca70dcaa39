import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { COLLECTIONS, COLLECTION_NAMES } from '../../../backend/storage/collections'
import { createSqliteStore } from '../../../backend/storage/sqlite'
import { indexName } from '../../../backend/storage/sqlite/schema'

const declared = COLLECTION_NAMES.flatMap((collection) =>
  COLLECTIONS[collection].map((fields) => ({ collection, fields: [...fields] as string[], name: indexName(collection, fields) })),
)

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'five-star-sqlite-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('sqlite adapter: indexes', () => {
  test.each(declared)('$name serves equality on its leading fields ordered by its last', ({ collection, fields, name }) => {
    const store = createSqliteStore({ file: ':memory:' })
    const last = fields[fields.length - 1]
    const where = Object.fromEntries(fields.slice(0, -1).map((f) => [f, 'x']))
    const plan = store.explain(collection, { where, orderBy: [[last, 'desc']], limit: 10 }).join('\n')
    store.close()
    expect(plan).toContain(`USING INDEX ${name}`)
    expect(plan).not.toContain('TEMP B-TREE')
  })

  test.each(declared)('$name serves a range on its last field', ({ collection, fields, name }) => {
    const store = createSqliteStore({ file: ':memory:' })
    const last = fields[fields.length - 1]
    const where = { ...Object.fromEntries(fields.slice(0, -1).map((f) => [f, 'x'])), [last]: { $gte: 'a', $lt: 'b' } }
    const plan = store.explain(collection, { where, orderBy: [[last, 'asc']], limit: 10 }).join('\n')
    store.close()
    expect(plan).toMatch(new RegExp(`SEARCH .* USING INDEX ${name} \\(.*>\\? AND .*<\\?\\)`))
  })
})

describe('sqlite adapter: durability', () => {
  test('data persists across reopening the same file', async () => {
    const file = path.join(dir, 'store.sqlite')
    const first = createSqliteStore({ file })
    await first.insert('townships', { _id: 'fanggang', name: '方岗镇' })
    await first.transaction((tx) => tx.insert('villages', { _id: 'v1', townshipId: 'fanggang', order: 1 }))
    first.close()
    const second = createSqliteStore({ file })
    expect(second.dump()).toMatchObject({ townships: [{ _id: 'fanggang', name: '方岗镇' }], villages: [{ _id: 'v1' }] })
    second.close()
  })

  test('every acknowledged write survives SIGKILL of the writing process', async () => {
    const file = path.join(dir, 'killed.sqlite')
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../support/sqlite-writer-child.ts'), file], {
      cwd: path.join(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const acknowledged: string[] = []
    let buffered = ''
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject)
      child.on('exit', () => resolve())
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString()
        const lines = buffered.split('\n')
        buffered = lines.pop()!
        acknowledged.push(...lines)
        if (acknowledged.length >= 200) child.kill('SIGKILL')
      })
    })
    expect(child.signalCode).toBe('SIGKILL')
    const store = createSqliteStore({ file })
    const stored = new Set(store.dump().audit.map((doc) => doc._id))
    store.close()
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([])
  })
})
