/** A call the store refuses before touching data: bad collection, field name, value or query shape. */
export class StoreMisuse extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StoreMisuse'
  }
}

/** Thrown by patch when the document does not exist (both adapters, so neither silently no-ops). */
export class StoreMissing extends Error {
  constructor(collection: string, id: string) {
    super(`${collection}/${id} does not exist`)
    this.name = 'StoreMissing'
  }
}
