/**
 * A request id for one form submission (types/common.ts ZRequestId): made once, sent with the
 * create call and with every retry of it, so a retry after a lost answer (a village's 4G) gets the
 * first record back instead of making a second one. Not a secret; only unique per person.
 */
export function newRequestId(): string {
  const random = () => Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, '0')
  return `r${Date.now().toString(36)}${random()}${random()}`
}
