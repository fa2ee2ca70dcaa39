/** Sends `{ action, data }` to the `api` function and resolves with the raw response body. */
export type Transport = (action: string, data: unknown) => Promise<unknown>
