import { createHash } from 'node:crypto'
import fc from 'fast-check'
import type { ZodObject, ZodRawShape, ZodTypeAny } from 'zod'
import { actions, type ActionName } from '../../types/api'
import type { ApiResponse } from '../../types/errors'
import { DEMO, makeTestApp, type TestApp } from '../support/app-harness'
import { DEPTH, SEED, byDepth, depthNote, seededRandom } from '../support/depth'
import { NASTY_EVENTS, NASTY_ROOTS, NASTY_VALUES, mutatedInputs, pathsOf, uncleanRefusal, validInputs, withPrototypeKeys } from '../support/hostile-values'

// Bad payloads for every action, through the router, against a seeded database whose exact rows
// are fingerprinted before, during and after. A payload the schema refuses must answer
// INVALID_INPUT cleanly and touch nothing. Hand-picked values the schema happens to accept
// (emoji in a name, a mixed-script text) go to a second database, where the only demand is a
// clean answer, and a refusal that changed nothing.

// Depth (tests/support/depth.ts): `npm run test:deep` generates 1000 mutants per action and demands
// 10,000 hostile payloads in all, every hand-picked value in every field; `npm test` generates 150
// per action from the printed seed, puts each hand-picked value in a seeded third of the fields (whole
// payloads, prototype keys and envelopes are always all run), and demands 5,000 in all.
const GENERATED_PER_ACTION = byDepth({ sampled: 150, deep: 1000 })
const MIN_CASES = byDepth({ sampled: 5_000, deep: 10_000 })
const HAND_PICKED_STRIDE = 3
const actionNames = Object.keys(actions) as ActionName[]
/** Callers rotated over the cases: the refusal must not depend on who asks. */
const CALLERS = [null, DEMO.villager, DEMO.cadre, DEMO.secretary, DEMO.admin, 'never-seen-openid']

const counts = { generated: 0, handPicked: 0, envelopes: 0, acceptedByScratch: 0, skippedValidMutants: 0 }
let guarded: TestApp
let scratch: TestApp
let baseline: string
let sinceCheck = 0
let errorSpy: jest.SpyInstance

const fingerprint = (app: TestApp) => createHash('sha256').update(app.store.snapshot()).digest('hex')
const schemaOf = (action: ActionName) => actions[action].input as ZodTypeAny
const accepts = (action: ActionName, data: unknown) => schemaOf(action).safeParse(data ?? {}).success
const topKeys = (action: ActionName) => Object.keys((schemaOf(action) as ZodObject<ZodRawShape>).shape ?? {})
const callerFor = (n: number) => CALLERS[n % CALLERS.length]

function describeValue(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value)
    return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text
  } catch {
    return String(value).slice(0, 300)
  }
}

/** One call that must be refused as INVALID_INPUT, cleanly; the database fingerprint is checked every 250 calls. */
async function expectInvalid(event: unknown, n: number, label: string): Promise<void> {
  const response: ApiResponse<unknown> = await guarded.callRaw(callerFor(n), event)
  const problem = response.ok
    ? 'answered ok'
    : response.error.code !== 'INVALID_INPUT'
      ? `answered ${response.error.code}: ${response.error.message.slice(0, 200)}`
      : uncleanRefusal(response)
  if (problem) throw new Error(`${label}: ${problem}\npayload: ${describeValue(event)}`)
  if (++sinceCheck >= 250) {
    sinceCheck = 0
    expect(fingerprint(guarded)).toBe(baseline)
  }
}

beforeAll(async () => {
  guarded = await makeTestApp()
  scratch = await makeTestApp()
  baseline = fingerprint(guarded)
  // The router logs only unexpected failures (INTERNAL); none may happen.
  errorSpy = jest.spyOn(console, 'error')
})

afterAll(() => {
  errorSpy.mockRestore()
  guarded?.close()
  scratch?.close()
  const total = counts.generated + counts.handPicked + counts.envelopes
  // eslint-disable-next-line no-console
  console.log(
    `${depthNote('tests/hostile/fuzz-payloads.test.ts')}\n` +
    `fuzz: ${total} hostile payloads (${counts.generated} generated from the zod schemas, ${counts.handPicked} hand-picked, ` +
      `${counts.envelopes} bad envelopes); ${counts.acceptedByScratch} hand-picked values were valid input and ran on the scratch database; ` +
      `${counts.skippedValidMutants} generated mutants turned out valid and were skipped`,
  )
})

describe('generated from each schema, broken in one place', () => {
  it.each(actionNames)('%s', async (action) => {
    const keys = topKeys(action)
    // The generators themselves must produce what the schema accepts, or the mutants mean little.
    fc.assert(fc.property(validInputs(schemaOf(action)), (valid) => accepts(action, valid)), { numRuns: 50, seed: SEED })
    let n = 0
    await fc.assert(
      fc.asyncProperty(mutatedInputs(schemaOf(action), keys), async (data) => {
        if (accepts(action, data)) {
          counts.skippedValidMutants++
          return
        }
        counts.generated++
        await expectInvalid({ action, data }, n++, action)
      }),
      { numRuns: GENERATED_PER_ACTION, seed: SEED },
    )
    expect(errorSpy).not.toHaveBeenCalled()
  })
})

/**
 * The scratch rows a refusal must leave alone. A wrong invitation code is counted against the
 * person by design (10 an hour): that count, and the invitation pepper made on first use, are the
 * only writes a refused invite.redeem may make.
 */
function rowsKept(action: ActionName): string {
  if (action !== 'invite.redeem') return scratch.store.snapshot()
  const { inviteAttempts: _attempts, settings: _settings, ...rest } = scratch.store.dump() as Record<string, unknown>
  return JSON.stringify(rest)
}

describe('hand-picked values in every field and as the whole payload', () => {
  it.each(actionNames)('%s', async (action) => {
    const [valid] = fc.sample(validInputs(schemaOf(action)), { numRuns: 1, seed: 42 }) as [Record<string, unknown>]
    const paths = [...new Set([...pathsOf(valid), ...topKeys(action).map((k) => [k])].map((p) => JSON.stringify(p)))].map(
      (p) => JSON.parse(p) as Array<string | number>,
    )
    const payloads: Array<[string, unknown]> = []
    // Sampled: path i takes the hand-picked values j with (i + j + offset) % 3 = 0 (offset seeded per
    // action), so every value still lands in a third of the paths and every path gets a third of the values.
    const offset = Math.floor(seededRandom(`hand-picked:${action}`)() * HAND_PICKED_STRIDE)
    const picked = (i: number, j: number) => DEPTH === 'deep' || paths.length < HAND_PICKED_STRIDE || (i + j + offset) % HAND_PICKED_STRIDE === 0
    for (const [i, path] of paths.entries()) {
      for (const [j, [label, value]] of NASTY_VALUES.entries()) {
        if (!picked(i, j)) continue
        const copy = structuredClone(valid)
        let node = copy as Record<string | number, unknown>
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
        Object.defineProperty(node, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true })
        payloads.push([`${path.join('.')} = ${label}`, copy])
      }
    }
    for (const [label, value] of NASTY_ROOTS) payloads.push([`payload = ${label}`, value])
    withPrototypeKeys(valid).forEach((value, i) => payloads.push([`prototype keys at the top #${i + 1}`, value]))

    let n = 0
    for (const [label, data] of payloads) {
      if (!accepts(action, data)) {
        counts.handPicked++
        await expectInvalid({ action, data }, n++, `${action} ${label}`)
        continue
      }
      // Valid after all (a mixed-script name, a stray key the schema strips): it may succeed,
      // but it must answer cleanly, and a refusal must leave the rows as they were.
      counts.acceptedByScratch++
      const before = rowsKept(action)
      const response = await scratch.callRaw(DEMO.secretary, { action, data })
      if (!response.ok) {
        expect(response.error.code).not.toBe('INTERNAL')
        const problem = uncleanRefusal(response)
        if (problem) throw new Error(`${action} ${label}: ${problem}`)
        expect(rowsKept(action) === before).toBe(true)
      }
    }
    expect(errorSpy).not.toHaveBeenCalled()
  })
})

describe('envelopes that are not { action, data }', () => {
  it.each(NASTY_EVENTS.map(([label, event]) => [label, event] as const))('%s', async (label, event) => {
    counts.envelopes++
    await expectInvalid(event, counts.envelopes, `envelope ${label}`)
  })
})

describe('after the run', () => {
  it(`ran at least ${MIN_CASES.toLocaleString('en')} hostile payloads (${DEPTH})`, () => {
    expect(counts.generated + counts.handPicked + counts.envelopes).toBeGreaterThanOrEqual(MIN_CASES)
  })

  it('left the guarded database byte-for-byte as seeded', () => {
    expect(fingerprint(guarded)).toBe(baseline)
  })

  it('polluted no prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(Object.keys(Object.prototype)).toEqual([])
  })

  it('never reached the unexpected-error path', () => {
    expect(errorSpy).not.toHaveBeenCalled()
  })
})
