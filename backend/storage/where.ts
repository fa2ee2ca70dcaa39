import type { Scalar, Where } from '../../core/store'
import { StoreMisuse } from './errors'
import { assertFieldName, assertId, isScalar } from './values'

export type RangeOp = '$gt' | '$gte' | '$lt' | '$lte'
const RANGE_OPS: ReadonlySet<string> = new Set(['$gt', '$gte', '$lt', '$lte'])

/** One checked condition on one field; a field may carry several (a range and a `$ne`). */
export type Clause =
  | { field: string; op: '$eq'; value: Scalar }
  | { field: string; op: '$in'; values: Scalar[] }
  | { field: string; op: '$ne'; value: Scalar }
  | { field: string; op: RangeOp; value: string | number }

const MAX_IN = 100

/**
 * Checks a `where` down to its leaves so that nothing from outside (an object where a scalar was
 * expected, an unknown operator) reaches either database as a query operator.
 */
export function parseWhere(where: Where): Clause[] {
  if (typeof where !== 'object' || where === null || Array.isArray(where)) throw new StoreMisuse('where must be an object')
  const clauses: Clause[] = []
  for (const [field, condition] of Object.entries(where)) {
    assertFieldName(field)
    if (isScalar(condition)) {
      clauses.push({ field, op: '$eq', value: checkIdValue(field, condition) })
      continue
    }
    if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
      throw new StoreMisuse(`invalid condition on ${field}`)
    }
    const entries = Object.entries(condition)
    if (entries.length === 0) throw new StoreMisuse(`empty condition on ${field}`)
    for (const [op, operand] of entries) clauses.push(parseOperator(field, op, operand, entries.length))
  }
  return clauses
}

/** `patchIf` expectations: equality on scalars only. */
export function parseExpect(expect: Record<string, Scalar>): Clause[] {
  const clauses = parseWhere(expect)
  if (clauses.some((c) => c.op !== '$eq')) throw new StoreMisuse('patchIf expectations must be plain values')
  if (clauses.some((c) => c.field === '_id')) throw new StoreMisuse('patchIf expectations cannot name _id')
  return clauses
}

function parseOperator(field: string, op: string, operand: unknown, siblings: number): Clause {
  if (op === '$in') {
    if (siblings !== 1) throw new StoreMisuse(`$in on ${field} cannot be combined with other operators`)
    if (!Array.isArray(operand) || operand.length > MAX_IN || !operand.every(isScalar)) {
      throw new StoreMisuse(`$in on ${field} needs an array of at most ${MAX_IN} plain values`)
    }
    return { field, op, values: operand.map((v) => checkIdValue(field, v)) }
  }
  if (op === '$ne') {
    if (!isScalar(operand)) throw new StoreMisuse(`$ne on ${field} needs a plain value`)
    return { field, op, value: checkIdValue(field, operand) }
  }
  if (RANGE_OPS.has(op)) {
    // Ranges compare within one type in Mongo; only strings and numbers are given a meaning here.
    if (typeof operand !== 'string' && !(typeof operand === 'number' && Number.isFinite(operand))) {
      throw new StoreMisuse(`${op} on ${field} needs a string or a number`)
    }
    // Ranges on _id (a pagination tie-break) compare string ids only: every id the app makes is a string.
    if (field === '_id' && typeof operand !== 'string') throw new StoreMisuse('ranges on _id need a string')
    return { field, op: op as RangeOp, value: operand }
  }
  throw new StoreMisuse(`unsupported operator ${JSON.stringify(op)} on ${field}`)
}

function checkIdValue(field: string, value: Scalar): Scalar {
  if (field === '_id') assertId(value)
  return value
}

/** Mongo's equality as a predicate: null also matches a missing field, and 1 never equals true. */
export function matchesEquality(doc: Record<string, unknown>, clauses: Clause[]): boolean {
  return clauses.every((c) => {
    if (c.op !== '$eq') throw new StoreMisuse('only equality can be checked in memory')
    const actual = doc[c.field]
    return c.value === null ? actual === null || actual === undefined : actual === c.value
  })
}
