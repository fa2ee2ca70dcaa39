import type { Doc, Scalar } from '../../core/store'
import { COLLECTIONS, type CollectionName } from './collections'
import { StoreMisuse } from './errors'

export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** The cloud returns at most 1000 documents per get; SQLite is held to the same ceiling. */
export const MAX_LIMIT = 1000
// Below BSON's 100 levels and SQLite JSON's 1000, so a document either fits both stores or neither.
const MAX_DEPTH = 64
const MAX_ID_LENGTH = 128

export function assertCollection(name: string): CollectionName {
  if (!Object.prototype.hasOwnProperty.call(COLLECTIONS, name)) throw new StoreMisuse(`unknown collection ${JSON.stringify(name)}`)
  return name as CollectionName
}

export function assertFieldName(name: string): string {
  if (typeof name !== 'string' || !FIELD_NAME.test(name)) throw new StoreMisuse(`invalid field name ${JSON.stringify(name)}`)
  return name
}

export function assertId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw new StoreMisuse(`invalid document id ${JSON.stringify(id)}`)
  }
  return id
}

export function assertLimit(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new StoreMisuse(`limit must be an integer from 1 to ${MAX_LIMIT}`)
  }
  return limit
}

export function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
}

/**
 * The document as both stores will hold it: passed through JSON (so a Date becomes its ISO string
 * in SQLite and in the cloud alike) and checked for keys Mongo would read as operators or paths.
 */
export function toStorableDoc(doc: Doc): Doc {
  if (!isPlainObject(doc)) throw new StoreMisuse('a document must be a plain object')
  const id = assertId(doc._id)
  const { _id, ...fields } = toJson(doc) as Record<string, unknown>
  for (const key of Object.keys(fields)) assertFieldName(key)
  return { _id: id, ...fields }
}

/** A patch split into fields to set (JSON values) and fields to remove (given as `undefined`). */
export interface StorablePatch {
  set: Record<string, unknown>
  remove: string[]
}

export function toStorablePatch(fields: Record<string, unknown>): StorablePatch {
  if (!isPlainObject(fields)) throw new StoreMisuse('patch fields must be a plain object')
  const patch: StorablePatch = { set: {}, remove: [] }
  for (const [key, value] of Object.entries(fields)) {
    if (key === '_id') throw new StoreMisuse('_id cannot be patched')
    assertFieldName(key)
    if (value === undefined) patch.remove.push(key)
    else patch.set[key] = toJson(value)
  }
  return patch
}

export const isEmptyPatch = (patch: StorablePatch) => patch.remove.length === 0 && Object.keys(patch.set).length === 0

/** What a document looks like after the patch: top-level fields replaced whole, never merged. */
export function applyPatch<T extends Doc>(doc: T, patch: StorablePatch): T {
  const next: Record<string, unknown> = { ...doc, ...patch.set }
  for (const key of patch.remove) delete next[key]
  return next as T
}

/** Whether the document already holds every patched value, compared as JSON. */
export function patchIsApplied(doc: Doc, patch: StorablePatch): boolean {
  if (patch.remove.some((key) => key in doc)) return false
  return Object.entries(patch.set).every(([key, value]) => key in doc && sameJson(doc[key], value))
}

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a as object)
  const kb = Object.keys(b as object)
  if (ka.length !== kb.length) return false
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

function toJson(value: unknown): unknown {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch {
    text = undefined // circular structures and BigInt
  }
  if (text === undefined) throw new StoreMisuse('value is not representable as JSON')
  const parsed: unknown = JSON.parse(text)
  checkKeys(parsed, 0)
  return parsed
}

function checkKeys(value: unknown, depth: number): void {
  if (typeof value !== 'object' || value === null) return
  if (depth > MAX_DEPTH) throw new StoreMisuse(`value nested deeper than ${MAX_DEPTH} levels`)
  if (Array.isArray(value)) {
    for (const item of value) checkKeys(item, depth + 1)
    return
  }
  for (const [key, item] of Object.entries(value)) {
    // `$` keys are operators to Mongo (and EJSON type tags), dots are paths; both would mean something else in the cloud.
    if (key.startsWith('$') || key.includes('.') || key.includes('\u0000') || key === '__proto__') {
      throw new StoreMisuse(`invalid key ${JSON.stringify(key)}`)
    }
    checkKeys(item, depth + 1)
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
