import type { HandlerTable } from '../action'
import { listVillages, updateVillage } from './village'
import { createTownship, listTownships } from './township'
import { cancelInvite, createInvite, listInvites, redeemInvite } from './invite'
import { listRoles, revokeRole } from './role'
import { bindVillage, getMe } from './me'
import { draftNotice, listDrafts, markRectified, reviewNotice } from './notice'
import { getBoard, listBoardDates } from './board'
import { createObjection, decideObjection, listOpenObjections } from './objection'
import { inboxUnreadCount, listInbox, markInboxRead, recordSubscription } from './inbox'

/** Every action's handler, keyed by the contract's action names: a missing one does not compile. */
export const handlers = {
  'village.list': listVillages,
  'village.update': updateVillage,
  'township.list': listTownships,
  'township.create': createTownship,
  'invite.create': createInvite,
  'invite.redeem': redeemInvite,
  'invite.cancel': cancelInvite,
  'invite.list': listInvites,
  'role.list': listRoles,
  'role.revoke': revokeRole,
  'me.get': getMe,
  'me.bindVillage': bindVillage,
  'notice.draft': draftNotice,
  'notice.listDrafts': listDrafts,
  'notice.review': reviewNotice,
  'notice.markRectified': markRectified,
  'board.get': getBoard,
  'board.listDates': listBoardDates,
  'objection.create': createObjection,
  'objection.listOpen': listOpenObjections,
  'objection.decide': decideObjection,
  'inbox.list': listInbox,
  'inbox.markRead': markInboxRead,
  'inbox.unreadCount': inboxUnreadCount,
  'subscription.record': recordSubscription,
} satisfies HandlerTable
