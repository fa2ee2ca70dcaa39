import { useCallback, useState } from 'react'
import { ApiCallError, errorMessage, type FieldIssue } from '../services/errors'

/** A user-triggered call (submit, approve…): tracks pending state and the Chinese error of the last try. */
export function useAction<Args extends unknown[], R>(run: (...args: Args) => Promise<R>) {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [issues, setIssues] = useState<FieldIssue[]>([])

  const execute = useCallback(
    async (...args: Args): Promise<R | undefined> => {
      setPending(true)
      setError(null)
      setIssues([])
      try {
        return await run(...args)
      } catch (e) {
        setError(errorMessage(e))
        setIssues(e instanceof ApiCallError ? e.issues : [])
        return undefined
      } finally {
        setPending(false)
      }
    },
    [run],
  )

  return { execute, pending, error, issues }
}
