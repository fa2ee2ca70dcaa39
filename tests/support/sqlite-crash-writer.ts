import { createSqliteStore } from '../../backend/storage/sqlite'

/**
 * Child process of tests/hostile/crash-safety: opens the SQLite store on `file` and inserts
 * records `<prefix>-<n>` forever, alternating a plain insert and a two-write transaction,
 * printing each id only after the store acknowledged it. The parent kills it with SIGKILL; should the
 * parent fail to, it stops by itself after two minutes rather than write until the disk is full.
 */
const GIVE_UP_MS = 120_000

async function main() {
  const [file, prefix] = process.argv.slice(2)
  if (!file || !prefix) throw new Error('usage: sqlite-crash-writer <file> <prefix>')
  const store = createSqliteStore({ file })
  const pad = 'p'.repeat(512)
  const giveUpAt = Date.now() + GIVE_UP_MS
  for (let n = 0; Date.now() < giveUpAt; n++) {
    const id = `${prefix}-${n}`
    const at = new Date().toISOString()
    if (n % 2 === 0) {
      await store.insert('audit', { _id: id, townshipId: 'crash', at, actor: 'writer', action: 'crash.insert', entity: 'crash', entityId: id, before: null, after: { n, pad } })
    } else {
      await store.transaction(async (tx) => {
        await tx.insert('audit', { _id: id, townshipId: 'crash', at, actor: 'writer', action: 'crash.tx', entity: 'crash', entityId: id, before: null, after: { n, pad } })
        await tx.insert('people', { _id: id, name: `写入${n}`, townshipId: 'crash', villageId: null, grants: [], createdAt: at })
      })
    }
    process.stdout.write(`${id}\n`)
  }
  process.exit(2)
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`)
  process.exit(1)
})
