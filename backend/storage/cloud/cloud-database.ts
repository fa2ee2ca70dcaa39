/**
 * The slice of wx-server-sdk's `cloud.database()` the cloud adapter uses. Results are `unknown`
 * on purpose: the SDK declares them as `Promise<…> | void | string`, so the adapter checks
 * their shape at run time instead of trusting a cast.
 */
export interface CloudDatabase {
  readonly command: CloudCommand
  collection(name: string): CloudCollection
  runTransaction(work: (transaction: CloudTransaction) => Promise<unknown>): Promise<unknown>
}

/** `db.command`: query and update operators. */
export interface CloudCommand {
  neq(value: unknown): CloudQueryCommand
  gt(value: unknown): CloudQueryCommand
  gte(value: unknown): CloudQueryCommand
  lt(value: unknown): CloudQueryCommand
  lte(value: unknown): CloudQueryCommand
  in(values: unknown[]): CloudQueryCommand
  set(value: unknown): unknown
  remove(): unknown
}

export interface CloudQueryCommand {
  and(...commands: CloudQueryCommand[]): CloudQueryCommand
}

export interface CloudQuery {
  where(condition: Record<string, unknown>): CloudQuery
  orderBy(field: string, direction: string): CloudQuery
  limit(max: number): CloudQuery
  get(): unknown
  count(): unknown
  update(options: { data: Record<string, unknown> }): unknown
  remove(): unknown
}

export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocument
  add(options: { data: Record<string, unknown> }): unknown
}

export interface CloudDocument {
  get(): unknown
  update(options: { data: Record<string, unknown> }): unknown
}

/** The `transaction` handed to `runTransaction`'s callback: documents by id, and add. */
export interface CloudTransaction {
  collection(name: string): {
    doc(id: string): CloudDocument
    add(options: { data: Record<string, unknown> }): unknown
  }
}
