import fc from 'fast-check'
import { ZodFastCheck } from 'zod-fast-check'
import type { ZodTypeAny } from 'zod'
import { ZDay, ZPhotoId } from '../../types/common'
import { ZWeek } from '../../types/award'
import { INVITE_ALPHABET, ZInviteCode } from '../../types/invite'
import { ZMonth } from '../../types/catalogue'
import { ZQuarter } from '../../types/tour'
import type { ApiResponse } from '../../types/errors'

// Hostile values and payload mutations for the fuzz suite: generated from each action's zod
// schema, then broken in one place, plus a hand-picked list of known troublemakers.

/** 1 MB of text, built once and shared by reference. */
export const ONE_MEGABYTE = 'x'.repeat(1024 * 1024)
/** About 1 MB in UTF-8 (3 bytes a character). */
export const ONE_MEGABYTE_CJK = '帖'.repeat(Math.floor((1024 * 1024) / 3))

/** `{ a: { a: … } }` nested `depth` levels. */
export function deepObject(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 'x' }
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

/** `[[[…]]]` nested `depth` levels. */
export function deepArray(depth: number): unknown[] {
  let value: unknown[] = []
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

/** Objects whose own keys are the prototype-pollution classics, as JSON.parse produces them. */
export const PROTO_OBJECTS: unknown[] = [
  JSON.parse('{"__proto__":{"polluted":"yes","isAdmin":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"prototype":{"polluted":"yes"}}'),
  { ['__proto__']: { polluted: 'yes' } },
]

/** Values that are wrong almost anywhere, or wrong in an interesting way somewhere. */
export const NASTY_VALUES: Array<[label: string, value: unknown]> = [
  ['null', null],
  ['true', true],
  ['zero', 0],
  ['negative', -1],
  ['negative fraction', -0.5],
  ['fraction', 1.5],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['beyond safe integer', Number.MAX_SAFE_INTEGER + 2],
  ['1e308', 1e308],
  ['-0', -0],
  ['bigint-like string', '9007199254740993'],
  ['empty string', ''],
  ['blank string', '   '],
  ['NUL', '\u0000'],
  ['NUL inside', 'tie\u0000gou'],
  ['control chars', '\u0001\u0007\u001b[31m'],
  ['2026-02-30', '2026-02-30'],
  ['2026-13-01', '2026-13-01'],
  ['0000-00-00', '0000-00-00'],
  ['2026-2-3', '2026-2-3'],
  ['ISO instant', '2026-11-27T00:00:00Z'],
  ['day with NUL', '2026-11-27\u0000'],
  ['path traversal', '../../etc/passwd'],
  ['encoded traversal', '%2e%2e%2f%2e%2e%2fpackage.json'],
  ['SQL', "tiegou' OR '1'='1' --"],
  ['JSON path', "$.villageId') --"],
  ['Mongo operator', { $gt: '' }],
  ['Mongo $ne', { $ne: null }],
  ['Mongo $where', { $where: 'sleep(1000)' }],
  ['emoji', '😀🎉👨‍👩‍👧‍👦'],
  ['emoji × 70', '😀'.repeat(70)],
  ['mixed scripts', 'مرحبا中文Ελληνικά русский'],
  ['RTL override', 'tie\u202egou'],
  ['zero-width', 'tie\u200bgou'],
  ['lone surrogate', '\ud800'],
  ['1 MB string', ONE_MEGABYTE],
  ['1 MB CJK string', ONE_MEGABYTE_CJK],
  ['empty array', []],
  ['array of strings', ['tiegou', 'liugang']],
  ['empty object', {}],
  ['array for object', [{ name: '王建军' }]],
  ['5000-deep object', deepObject(5000)],
  ['5000-deep array', deepArray(5000)],
  ['100k-element array', Array.from({ length: 100_000 }, (_, i) => i)],
  ...PROTO_OBJECTS.map((value, i) => [`prototype keys #${i + 1}`, value] as [string, unknown]),
]

/** `payload` with the prototype-pollution keys added at its top level, as JSON.parse would produce it. */
export function withPrototypeKeys(payload: Record<string, unknown>): unknown[] {
  const body = JSON.stringify(payload).slice(1, -1)
  return [
    '"__proto__":{"isAdmin":true,"polluted":"yes","villageId":"liugang"}',
    '"constructor":{"prototype":{"polluted":"yes"}}',
    '"prototype":{"polluted":"yes"}',
  ].map((key) => JSON.parse(`{${key}${body ? `,${body}` : ''}}`))
}

/** Whole payloads that are not an action's input at all. */
export const NASTY_ROOTS: Array<[label: string, value: unknown]> = [
  ['string', 'tiegou'],
  ['number', 42],
  ['NaN', NaN],
  ['true', true],
  ['array', []],
  ['array of the payload', [{ villageId: 'tiegou' }]],
  ['1 MB string', ONE_MEGABYTE],
  ['5000-deep array', deepArray(5000)],
]

/** Envelopes that are not `{ action, data }` (or name no action). */
export const NASTY_EVENTS: Array<[label: string, value: unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['string', 'board.get'],
  ['number', 7],
  ['array', [{ action: 'board.get' }]],
  ['empty object', {}],
  ['action number', { action: 1 }],
  ['action object', { action: { $ne: null } }],
  ['action null', { action: null }],
  ['action 1 MB', { action: ONE_MEGABYTE }],
  ['unknown action', { action: 'notice.delete', data: {} }],
  ['action __proto__', { action: '__proto__', data: {} }],
  ['action constructor', { action: 'constructor', data: {} }],
  ['action toString', { action: 'toString', data: {} }],
  ['action hasOwnProperty', { action: 'hasOwnProperty', data: {} }],
  ['action prototype', { action: 'prototype', data: {} }],
  ['action with NUL', { action: 'board.get\u0000', data: { villageId: 'tiegou' } }],
  ['action upper case', { action: 'BOARD.GET', data: { villageId: 'tiegou' } }],
  ['action padded', { action: ' board.get ', data: { villageId: 'tiegou' } }],
  ['proto envelope', JSON.parse('{"__proto__":{"action":"board.get"},"data":{}}')],
  ['5000-deep envelope', { action: deepObject(5000) }],
]

/** Arbitraries for the schemas zod-fast-check cannot invert (refined days, photo ids). */
const dayArb = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z') })
  .map((d) => d.toISOString().slice(0, 10))
const photoArb = fc.oneof(
  fc.hexaString({ minLength: 16, maxLength: 64 }).chain((hex) =>
    fc.constantFrom('jpg', 'png', 'webp').map((ext) => `local://${hex.toLowerCase().padEnd(16, 'a')}.${ext}`),
  ),
  fc.stringMatching(/^[a-z0-9]{1,20}\/[a-z0-9]{1,20}\.jpg$/).map((p) => `cloud://env-1.${p}`),
)

/** Invitation codes as typed: 8 characters of the code alphabet. */
const inviteCodeArb = fc.array(fc.constantFrom(...INVITE_ALPHABET.split('')), { minLength: 8, maxLength: 8 }).map((cs) => cs.join(''))

// Months near the present, so spans (export.ledger: from ≤ to, under 24 months) are often valid.
const monthArb = fc
  .tuple(fc.integer({ min: 2025, max: 2027 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`)

// 季度观摩's quarters, YYYY-Qn.
const quarterArb = fc.tuple(fc.integer({ min: 2025, max: 2027 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`)

// ISO weeks near the present (award.nominate, 每周专题会: one schema, types/weekly.ts).
const weekArb = fc
  .tuple(fc.integer({ min: 2025, max: 2027 }), fc.integer({ min: 1, max: 53 }))
  .map(([y, w]) => `${y}-W${String(w).padStart(2, '0')}`)

/** Valid inputs of a schema (before defaults), from zod-fast-check. */
export function validInputs(schema: ZodTypeAny): fc.Arbitrary<unknown> {
  return ZodFastCheck().override(ZDay, dayArb).override(ZMonth, monthArb).override(ZPhotoId, photoArb).override(ZInviteCode, inviteCodeArb)
    .override(ZQuarter, quarterArb).override(ZWeek, weekArb).inputOf(schema)
}

type Path = Array<string | number>

/** Every path into a JSON-ish value (objects and arrays), the root excluded. */
export function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i])
      pathsOf(v, [...prefix, i], out)
    })
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k])
      pathsOf(v, [...prefix, k], out)
    }
  }
  return out
}

const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value))

function setPath(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = clone(root) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (remove) delete node[last]
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true })
  return copy
}

const badValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_VALUES.map(([, v]) => v)) },
  { weight: 1, arbitrary: fc.anything({ withNullPrototype: true, withBigInt: false, withMap: false, withSet: false, withDate: true }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
)

/**
 * A valid input of `schema` broken in one place: a field replaced by a bad value, a field
 * removed, the payload wrapped in an array or a string, or replaced whole. Some mutants stay
 * valid (an optional field removed); the suite checks each against the schema and skips those.
 */
export function mutatedInputs(schema: ZodTypeAny, topKeys: string[]): fc.Arbitrary<unknown> {
  return fc.tuple(validInputs(schema), fc.nat(), badValueArb, fc.nat({ max: 99 })).map(([valid, pick, bad, kind]) => {
    const paths = [...pathsOf(valid), ...topKeys.map((k) => [k])]
    if (kind < 60 && paths.length > 0) return setPath(valid, paths[pick % paths.length], bad)
    if (kind < 75 && paths.length > 0) return setPath(valid, paths[pick % paths.length], undefined, true)
    if (kind < 85) return NASTY_ROOTS[pick % NASTY_ROOTS.length][1]
    if (kind < 92) return [valid]
    return JSON.stringify(valid)
  })
}

const STACK = /\n\s+at\s|\bat\s+\S+\s+\(|\.(ts|js):\d+|node_modules|\/work\/|\bError:|TypeError|ReferenceError|SqliteError/

/** Why a refusal is not a clean one (null when it is): a stack, a path, a giant message, a bad shape. */
export function uncleanRefusal(response: ApiResponse<unknown>): string | null {
  if (response.ok) return 'answered ok'
  const { error } = response
  if (typeof error.message !== 'string' || error.message.length === 0) return 'no message'
  if (STACK.test(error.message)) return `message looks like a stack trace: ${error.message.slice(0, 200)}`
  if (error.message.length > 2000) return `message of ${error.message.length} characters`
  const size = JSON.stringify(response).length
  if (size > 20_000) return `response of ${size} bytes`
  for (const issue of error.issues ?? []) {
    if (typeof issue.path !== 'string' || typeof issue.message !== 'string') return 'malformed issue'
    if (STACK.test(issue.message)) return `issue looks like a stack trace: ${issue.message.slice(0, 200)}`
  }
  return null
}
