import type { ZodError } from 'zod'
import type { FieldIssue } from '../services/errors'

/** Field path (e.g. `subject.name`) → the first Chinese message for it. */
export type FieldErrors = Record<string, string>

/** The schema's own messages, keyed by field, for showing under each input. */
export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.join('.')
    out[key] ??= issue.message
  }
  return out
}

/** The server's INVALID_INPUT issues in the same shape, so a form shows both the same way. */
export function serverFieldErrors(issues: FieldIssue[]): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of issues) out[issue.path] ??= issue.message
  return out
}
