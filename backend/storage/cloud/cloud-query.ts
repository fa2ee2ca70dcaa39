import type { StorablePatch } from '../values'
import type { Clause } from '../where'
import type { CloudCommand, CloudQueryCommand } from './cloud-database'

/** A checked where as the SDK's condition object; a field with several operators ANDs them. */
export function toCloudWhere(clauses: Clause[], _: CloudCommand): Record<string, unknown> {
  const byField = new Map<string, Clause[]>()
  for (const clause of clauses) byField.set(clause.field, [...(byField.get(clause.field) ?? []), clause])
  const condition: Record<string, unknown> = {}
  for (const [field, own] of byField) {
    const [first, ...rest] = own
    if (first.op === '$eq') {
      condition[field] = first.value
      continue
    }
    const commands = own.map((clause) => toCommand(clause, _))
    condition[field] = rest.length === 0 ? commands[0] : commands[0].and(...commands.slice(1))
  }
  return condition
}

function toCommand(clause: Clause, _: CloudCommand): CloudQueryCommand {
  switch (clause.op) {
    case '$in':
      return _.in(clause.values)
    case '$ne':
      return _.neq(clause.value)
    case '$gt':
      return _.gt(clause.value)
    case '$gte':
      return _.gte(clause.value)
    case '$lt':
      return _.lt(clause.value)
    case '$lte':
      return _.lte(clause.value)
    default:
      throw new Error(`equality on ${clause.field} cannot be combined with operators`)
  }
}

/**
 * Update data with SQLite's meaning: `update` merges a plain nested object into the stored one
 * (the SDK flattens it into dotted paths), so objects and arrays go through `_.set` to replace
 * the field whole; a field given as `undefined` is removed.
 */
export function toCloudUpdate(patch: StorablePatch, _: CloudCommand): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(patch.set)) data[field] = typeof value === 'object' && value !== null ? _.set(value) : value
  for (const field of patch.remove) data[field] = _.remove()
  return data
}
