import type { TxStore } from '../core/store'
import type { Application } from '../types/application'

/** Who should hear of an application's transition, and what. */
export interface ApplicationNotice {
  application: Application
  /** The action that moved it (application.submit, application.review, …). */
  action: string
  actor: string
  comment: string | null
}

/**
 * THE notification hook of star applications, called once inside every transition's transaction.
 * It records nothing yet: the inbox and WeChat subscription messages are a separate piece of work
 * (its author wires this function to them — e.g. submit → the star's task force, return → the
 * village's cadres, recommend → the township's leaders, approve/reject/revoke → the village).
 */
export async function notifyApplicationTransition(_tx: TxStore, _notice: ApplicationNotice): Promise<void> {
  // Intentionally empty until the inbox lands.
}
