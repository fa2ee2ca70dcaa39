import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildLocalServer } from '../../server/app'
import { createLocalDeps } from '../../server/local-deps'
import { localInviteQr } from '../../server/invite-qr'
import { seedIfEmpty } from '../../backend/seed/seed'
import { chinaDay } from '../../core/time'
import type { Deps } from '../../backend/deps'

export interface RunningLocalServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  baseUrl: string
  deps: Deps
  dataDir: string
  /** The server's clock; every `deps.now()` reads it. */
  now(): Date
  setNow(instant: Date): void
  /** POSTs JSON to the server, answering the parsed body and the status. */
  post(pathname: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>
  close(): Promise<void>
}

/**
 * The real local server (`server/app.ts`) in this process, on a free port, over a fresh SQLite file
 * in a temp DATA_DIR, seeded with 方岗镇, with a clock the test moves.
 */
export async function startLocalServer(options: { h5Dir: string; now?: Date }): Promise<RunningLocalServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsb-e2e-data-'))
  let clock = options.now ?? new Date()
  const { deps, close: closeStore } = createLocalDeps(dataDir, () => clock)
  await seedIfEmpty(deps, chinaDay(clock))
  const app = await buildLocalServer({ deps, dataDir, h5Dir: options.h5Dir })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const baseUrl = address.replace(/\/$/, '')
  // The local invitation QR points at this server's redeem page.
  deps.inviteQr = localInviteQr(baseUrl)
  return {
    baseUrl,
    deps,
    dataDir,
    now: () => clock,
    setNow(instant) {
      clock = instant
    },
    async post(pathname, body, headers = {}) {
      const res = await fetch(baseUrl + pathname, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
      return { status: res.status, body: await res.json() }
    },
    async close() {
      await app.close()
      closeStore()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
