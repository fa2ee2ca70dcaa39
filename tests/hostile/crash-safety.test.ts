import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import Database from 'better-sqlite3'
import { createSqliteStore } from '../../backend/storage/sqlite'

// A writer process is killed with SIGKILL at a random moment, five times over the same file. After
// each kill: every record it acknowledged is there, no transaction is half there, and SQLite's
// integrity check passes.

const ROOT = path.resolve(__dirname, '..', '..')
const WRITER = path.join(ROOT, 'tests', 'support', 'sqlite-crash-writer.ts')
const KILLS = 5
const MIN_ACKS = 50

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-crash-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Runs the writer until it has acknowledged `killAfter` ids, then SIGKILLs it; answers the ids it acknowledged. */
function writeUntilKilled(file: string, prefix: string, killAfter: number): Promise<{ acked: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` keeps the writer in this one process, so SIGKILL reaches the process that writes.
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, prefix], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const acked: string[] = []
    let partial = ''
    let stderr = ''
    let killed = false
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop() ?? ''
      // Only complete lines count: a torn last line is not an acknowledgement.
      if (!killed) acked.push(...lines.filter(Boolean))
      if (!killed && acked.length >= killAfter) {
        killed = true
        // A random instant shortly after the threshold, somewhere inside the next writes.
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 20))
      }
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (!killed) reject(new Error(`writer exited by itself (code ${code}) after ${acked.length} acks: ${stderr}`))
      else resolve({ acked, signal })
    })
  })
}

it(`survives ${KILLS} SIGKILLs with every acknowledged record intact`, async () => {
  const file = path.join(dir, 'crash.sqlite')
  let totalAcked = 0
  for (let round = 1; round <= KILLS; round++) {
    const killAfter = MIN_ACKS + Math.floor(Math.random() * 1500)
    const { acked, signal } = await writeUntilKilled(file, `r${round}`, killAfter)
    expect(signal).toBe('SIGKILL')
    expect(acked.length).toBeGreaterThanOrEqual(MIN_ACKS)
    totalAcked += acked.length

    const integrity = new Database(file, { readonly: false })
    expect(integrity.pragma('integrity_check', { simple: true })).toBe('ok')
    integrity.close()

    const store = createSqliteStore({ file })
    try {
      for (const id of acked) {
        const n = Number(id.split('-')[1])
        const entry = await store.get('audit', id)
        if (!entry) throw new Error(`round ${round}: acknowledged ${id} is missing`)
        if (n % 2 === 1 && !(await store.get('people', id))) throw new Error(`round ${round}: half of transaction ${id} is missing`)
      }
      // Nothing half-written, acknowledged or not: each transaction's two rows are both there or both absent.
      const dump = store.dump()
      const txAudit = new Set(dump.audit.filter((d) => d.action === 'crash.tx').map((d) => d._id))
      const txPeople = new Set(dump.people.filter((d) => d.townshipId === 'crash').map((d) => d._id))
      expect([...txAudit].filter((id) => !txPeople.has(id))).toEqual([])
      expect([...txPeople].filter((id) => !txAudit.has(id))).toEqual([])
    } finally {
      store.close()
    }
  }
  const after = new Database(file, { readonly: true })
  expect(after.pragma('integrity_check', { simple: true })).toBe('ok')
  after.close()
  // eslint-disable-next-line no-console
  console.log(`crash safety: ${KILLS} SIGKILLs, ${totalAcked} acknowledged records all present, integrity ok`)
}, 120_000)
