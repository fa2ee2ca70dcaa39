import type { Application } from '../types/application'
import { applicationNotifications, type Notification } from '../core/notify'
import type { Deps } from './deps'
import { getVillage } from './repository'
import { notifyAfter } from './notify/workflows'
import { taskForce, townshipRoleHolders, villageRoleHolders } from './notify/recipients'

/** An application's transition, as the notification hook sees it. */
export interface ApplicationNotice {
  application: Application
  /** The action that moved it (application.submit, application.return, …). */
  action: string
  actor: string
  comment: string | null
}

/**
 * THE notification hook of star applications, called after every transition has committed (never
 * inside its transaction). Who hears what is `applicationNotifications` (core/notify.ts): the
 * applicant (creator and the village's secretaries) and the next reviewer — submit → the star's
 * task force of the township, recommend → the township's leaders. Never throws: a failed look-up
 * or send is logged and the transition stands; a retry writes nothing again (stable event keys).
 */
export async function notifyApplicationTransition(deps: Deps, notice: ApplicationNotice): Promise<void> {
  const { application: app, action, actor, comment } = notice
  if (action === 'application.create' || action === 'application.update') return
  let notifications: Notification[]
  try {
    const secretaries = await villageRoleHolders(deps.store, app.villageId, 'secretary', app.townshipId)
    const tf = action === 'application.submit' ? await taskForce(deps.store, app.townshipId, app.star) : []
    const leaders = action === 'application.recommend' ? await townshipRoleHolders(deps.store, app.townshipId, 'leader') : []
    const village = await getVillage(deps.store, app.villageId)
    notifications = applicationNotifications(app, action, actor, comment, { secretaries, taskForce: tf, leaders }, village.name)
  } catch (error) {
    console.error(`[notify] ${action}: could not work out the recipients`, error)
    return
  }
  // Each audience its own event key; notifyAfter never throws.
  for (const notification of notifications) await notifyAfter(deps, action, async () => notification)
}
