import type { LedgerStatus } from '../types/ledger'
import { DomainError } from './errors'

/** What can happen to a ledger entry: the cadre edits it, the star's task force verifies or returns it. */
export type LedgerEvent = 'edit' | 'verify' | 'return'

/** The ledger state machine: from a status, what each event leads to (absent: refused). */
export const LEDGER_TRANSITIONS: Record<LedgerStatus, Partial<Record<LedgerEvent, LedgerStatus>>> = {
  submitted: { edit: 'submitted', verify: 'verified', return: 'returned' },
  returned: { edit: 'resubmitted' },
  resubmitted: { edit: 'resubmitted', verify: 'verified', return: 'returned' },
  // Verified is final: a correction is a new entry that names this one.
  verified: {},
}

const REFUSALS: Record<LedgerEvent, string> = {
  edit: '已核实的台账不能修改，如需更正请新建一条更正台账',
  verify: '该台账当前不能核实（可能已被他人审核），请刷新',
  return: '该台账当前不能退回（可能已被他人审核），请刷新',
}

/** The status after `event`, or CONFLICT when the machine does not allow it. */
export function ledgerTransition(status: LedgerStatus, event: LedgerEvent): LedgerStatus {
  const next = LEDGER_TRANSITIONS[status][event]
  if (!next) throw new DomainError('CONFLICT', REFUSALS[event])
  return next
}

/** A ledger entry's weight in the compliance counts: verified, or awaiting verification (returned counts as awaiting). */
export function contributionOf(status: LedgerStatus): { verified: number; pending: number } {
  return status === 'verified' ? { verified: 1, pending: 0 } : { verified: 0, pending: 1 }
}
