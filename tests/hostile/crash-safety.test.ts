import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn, type ChildProcess } from 'node:child_process'
import Database from 'better-sqlite3'
import { createSqliteStore } from '../../backend/storage/sqlite'

// A writer process is killed with SIGKILL at a random moment, five times over the same file. After
// each kill: every record it acknowledged is there, no transaction is half there, and SQLite's
// integrity check passes.

const ROOT = path.resolve(__dirname, '..', '..')
const WRITER = path.join(ROOT, 'tests', 'support', 'sqlite-crash-writer.ts')
const KILLS = 5
const MIN_ACKS = 50
/** A round kills at a random count of acknowledgements, or at a random instant once this much time has passed, whichever comes first: a slow disk makes the round shorter, never endless. */
const MAX_ROUND_MS = 4_000
/** A writer that has not acknowledged MIN_ACKS records by then is reported as stuck, with what it printed. */
const STUCK_MS = 45_000

let dir: string
const live = new Set<ChildProcess>()
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-crash-'))
})
afterAll(() => {
  // A failed round must not leave a writer running: it would keep jest alive and fill the disk.
  for (const child of live) child.kill('SIGKILL')
  fs.rmSync(dir, { recursive: true, force: true })
})

interface Round {
  acked: string[]
  signal: string | null
  /** Milliseconds from spawn to the first acknowledgement, and from there to the kill. */
  startMs: number
  writeMs: number
}

/** Runs the writer until it has acknowledged `killAfter` ids (or MAX_ROUND_MS passed), then SIGKILLs it; answers the ids it acknowledged. */
function writeUntilKilled(file: string, prefix: string, killAfter: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` keeps the writer in this one process, so SIGKILL reaches the process that writes.
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, prefix], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    live.add(child)
    const spawnedAt = Date.now()
    let firstAckAt = 0
    let killedAt = 0
    let deadlineMs = MAX_ROUND_MS
    const acked: string[] = []
    let partial = ''
    let stderr = ''
    const timers: NodeJS.Timeout[] = []
    const kill = (delayMs: number) => {
      if (killedAt) return
      killedAt = Date.now() + delayMs
      timers.push(setTimeout(() => child.kill('SIGKILL'), delayMs))
    }
    timers.push(
      setTimeout(() => {
        if (acked.length >= MIN_ACKS) return
        child.kill('SIGKILL')
        reject(new Error(`writer acknowledged only ${acked.length} records in ${STUCK_MS} ms; stderr: ${stderr || '(empty)'}`))
      }, STUCK_MS),
    )
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop() ?? ''
      // Only complete lines count: a torn last line is not an acknowledgement. Every complete line is
      // one, even one that arrives after the kill: the writer prints an id only once the store returned.
      acked.push(...lines.filter(Boolean))
      if (!firstAckAt && acked.length) {
        firstAckAt = Date.now()
        // The time limit falls at a random instant too; a timer, so that a writer that stalls is killed all the same.
        deadlineMs = Math.floor(MAX_ROUND_MS / 2 + Math.random() * (MAX_ROUND_MS / 2))
        timers.push(setTimeout(() => (acked.length >= MIN_ACKS ? kill(0) : undefined), deadlineMs))
      }
      const late = acked.length >= MIN_ACKS && Date.now() - firstAckAt >= deadlineMs
      // A random instant shortly after the threshold, somewhere inside the next writes.
      if (acked.length >= killAfter || late) kill(Math.floor(Math.random() * 20))
    })
    child.on('error', reject)
    // 'close', not 'exit': every line the writer printed has been read by then.
    child.on('close', (code, signal) => {
      timers.forEach(clearTimeout)
      live.delete(child)
      if (!killedAt) reject(new Error(`writer exited by itself (code ${code}, signal ${signal}) after ${acked.length} acks: ${stderr}`))
      else resolve({ acked, signal, startMs: firstAckAt - spawnedAt, writeMs: Date.now() - firstAckAt })
    })
  })
}

it(`survives ${KILLS} SIGKILLs with every acknowledged record intact`, async () => {
  const file = path.join(dir, 'crash.sqlite')
  let totalAcked = 0
  const timings: string[] = []
  for (let round = 1; round <= KILLS; round++) {
    const killAfter = MIN_ACKS + Math.floor(Math.random() * 1500)
    const { acked, signal, startMs, writeMs } = await writeUntilKilled(file, `r${round}`, killAfter)
    timings.push(`${acked.length} acks (start ${startMs} ms, writing ${writeMs} ms)`)
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
  console.log(`crash safety: ${KILLS} SIGKILLs, ${totalAcked} acknowledged records all present, integrity ok; rounds: ${timings.join('; ')}`)
}, 300_000)
