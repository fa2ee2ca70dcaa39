import type { Application } from '../types/application'
import { applicationNotifications, type Notification } from '../core/notify'
import type { Deps } from './deps'
import { applicationAudience, notifyAfter } from './notify/workflows'

/** An application's transition, as the notification hook sees it. */
export interface ApplicationNotice {
  application: Application
  /** The action that moved it (application.submit, application.return, …). */
  action: string
  actor: string
  comment: string | null
}

/** Creating and editing a draft tell nobody. */
export const notifiesOfApplication = (action: string) => action !== 'application.create' && action !== 'application.update'

/**
 * The notifications of star applications outside a transition (a re-notification: keyed per
 * event, it adds nothing that is there). The transitions themselves write theirs inside their
 * transaction (backend/actions/application.ts `transition`). Who hears what is
 * `applicationNotifications` (core/notify.ts). Never throws.
 */
export async function notifyApplicationTransition(deps: Deps, notice: ApplicationNotice): Promise<void> {
  const { application: app, action, actor, comment } = notice
  if (!notifiesOfApplication(action)) return
  let notifications: Notification[]
  try {
    const audience = await applicationAudience(deps, app, action)
    notifications = applicationNotifications(app, action, actor, comment, audience.people, audience.villageName)
  } catch (error) {
    console.error(`[notify] ${action}: could not work out the recipients`, error)
    return
  }
  // Each audience its own event key; notifyAfter never throws.
  for (const notification of notifications) await notifyAfter(deps, action, async () => notification)
}
