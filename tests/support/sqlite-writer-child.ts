/**
 * Child process for the durability test: inserts documents one by one into the SQLite file given
 * as argv[2] and prints each id once its insert has been acknowledged, until it is killed.
 */
import { createSqliteStore } from '../../backend/storage/sqlite'

async function main() {
  const store = createSqliteStore({ file: process.argv[2] })
  for (let i = 0; ; i++) {
    const id = `a${String(i).padStart(6, '0')}`
    await store.insert('audit', { _id: id, entityId: 'e1', at: new Date().toISOString(), note: '写入' })
    process.stdout.write(`${id}\n`)
  }
}

void main()
