import type { Scalar } from '../../../core/store'
import type { OrderBy } from '../indexed'
import type { Clause } from '../where'
import { typeOf, valueOf } from './schema'

export interface SqlPart {
  sql: string
  params: Array<string | number>
}

const NUMBER = `IN ('integer', 'real')`

/**
 * Mongo's comparison rules in SQL: json_extract gives true/false as 1/0 and a missing field as
 * NULL, so numbers and booleans carry a json_type guard and null equality is IS NULL (which,
 * as in Mongo, also matches a missing field). The json_extract term stays first so the index serves it.
 */
export function whereSql(clauses: Clause[]): SqlPart {
  const parts = clauses.map(clauseSql)
  if (parts.length === 0) return { sql: '1', params: [] }
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) }
}

export function orderSql(orderBy: OrderBy = []): string {
  if (orderBy.length === 0) return ''
  return ` ORDER BY ${orderBy.map(([field, direction]) => `${valueOf(field)} ${direction === 'desc' ? 'DESC' : 'ASC'}`).join(', ')}`
}

function clauseSql(clause: Clause): SqlPart {
  const value = valueOf(clause.field)
  switch (clause.op) {
    case '$eq':
      return equalSql(clause.field, clause.value)
    case '$ne':
      return notEqualSql(clause.field, clause.value)
    case '$in':
      return inSql(clause.field, clause.values)
    default: {
      if (clause.field === '_id') {
        const op = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[clause.op]
        return { sql: `${value} ${op} ?`, params: [clause.value] }
      }
      const guard = typeof clause.value === 'string' ? `= 'text'` : NUMBER
      const op = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[clause.op]
      return { sql: `(${value} ${op} ? AND ${typeOf(clause.field)} ${guard})`, params: [clause.value] }
    }
  }
}

function equalSql(field: string, operand: Scalar): SqlPart {
  const value = valueOf(field)
  if (operand === null) return { sql: `${value} IS NULL`, params: [] }
  if (typeof operand === 'string' || field === '_id') return { sql: `${value} = ?`, params: [String(operand)] }
  if (typeof operand === 'boolean') return { sql: `(${value} = ? AND ${typeOf(field)} = '${operand}')`, params: [operand ? 1 : 0] }
  return { sql: `(${value} = ? AND ${typeOf(field)} ${NUMBER})`, params: [operand] }
}

function notEqualSql(field: string, operand: Scalar): SqlPart {
  const value = valueOf(field)
  if (operand === null) return { sql: `${value} IS NOT NULL`, params: [] }
  if (typeof operand === 'string' || field === '_id') return { sql: `${value} IS NOT ?`, params: [String(operand)] }
  if (typeof operand === 'boolean') return { sql: `${typeOf(field)} IS NOT '${operand}'`, params: [] }
  return { sql: `NOT (${value} IS ? AND ${typeOf(field)} ${NUMBER})`, params: [operand] }
}

function inSql(field: string, operands: Scalar[]): SqlPart {
  const value = valueOf(field)
  const strings = operands.filter((v): v is string => typeof v === 'string')
  const numbers = operands.filter((v): v is number => typeof v === 'number')
  const booleans = operands.filter((v): v is boolean => typeof v === 'boolean')
  const parts: SqlPart[] = []
  const marks = (n: number) => Array(n).fill('?').join(', ')
  if (strings.length) parts.push({ sql: `${value} IN (${marks(strings.length)})`, params: strings })
  if (numbers.length) parts.push({ sql: `(${value} IN (${marks(numbers.length)}) AND ${typeOf(field)} ${NUMBER})`, params: numbers })
  if (booleans.length) parts.push({ sql: `${typeOf(field)} IN (${booleans.map((b) => `'${b}'`).join(', ')})`, params: [] })
  if (operands.includes(null)) parts.push({ sql: `${value} IS NULL`, params: [] })
  if (parts.length === 0) return { sql: '0', params: [] }
  if (parts.length === 1) return parts[0]
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) }
}
