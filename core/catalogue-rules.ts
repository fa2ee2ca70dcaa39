import type { Catalogue, Criterion } from '../types/catalogue'
import { OTHER_ACTIVITY } from '../types/catalogue'

/** The criteria in force in `month`: the latest revision that took effect on or before it. */
export function criteriaFor(catalogue: Pick<Catalogue, 'revisions'>, month: string): Criterion[] {
  let chosen = catalogue.revisions[0]
  for (const revision of catalogue.revisions) if (revision.effectiveFrom <= month) chosen = revision
  return chosen.criteria
}

/** The activity types cadres may record in `month`: the catalogue's, plus 其他. */
export function activityTypesFor(catalogue: Pick<Catalogue, 'revisions'>, month: string): string[] {
  const types = new Set<string>()
  for (const c of criteriaFor(catalogue, month)) if (c.rule) types.add(c.rule.activityType)
  types.add(OTHER_ACTIVITY)
  return [...types]
}

/**
 * Replaces the criteria from `currentMonth` on: months that have ended keep the rule they were
 * evaluated with. A year not yet begun is replaced whole.
 */
export function reviseCriteria(catalogue: Pick<Catalogue, 'year' | 'revisions'>, criteria: Criterion[], currentMonth: string): Catalogue['revisions'] {
  const firstMonth = `${catalogue.year}-01`
  const from = currentMonth < firstMonth ? firstMonth : currentMonth
  if (from > `${catalogue.year}-12`) return catalogue.revisions // the year has ended: nothing left to change
  const kept = catalogue.revisions.filter((r) => r.effectiveFrom < from)
  return [...kept, { effectiveFrom: from, criteria }]
}

export const catalogueId = (townshipId: string, year: number) => `${townshipId}_${year}`

/** The focus text of a month, if the township set one. */
export const focusOf = (catalogue: Pick<Catalogue, 'focus'> | null, month: string) =>
  catalogue?.focus.find((f) => f.month === month)?.text ?? null
