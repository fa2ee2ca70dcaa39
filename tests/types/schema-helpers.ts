import type { z } from 'zod'

/** The messages zod gives for `input`, or [] when it passes. */
export function messagesOf(schema: z.ZodTypeAny, input: unknown): string[] {
  const result = schema.safeParse(input)
  return result.success ? [] : result.error.issues.map((issue) => issue.message)
}
