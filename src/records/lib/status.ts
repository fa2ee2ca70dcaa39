import { COMPLIANCE_STATUS_NAMES, LEDGER_STATUS_NAMES, type ComplianceStatus, type LedgerStatus } from '../../../types/ledger'
import { CHECKLIST_STATUS_NAMES, type ChecklistStatus } from '../../../types/checklist'

export const complianceLabel = (s: ComplianceStatus) => COMPLIANCE_STATUS_NAMES[s]
export const ledgerLabel = (s: LedgerStatus) => LEDGER_STATUS_NAMES[s]
export const checklistLabel = (s: ChecklistStatus) => CHECKLIST_STATUS_NAMES[s]

/** The current China month, `YYYY-MM` (the device's clock shifted to UTC+8). */
export const chinaMonthNow = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
export const chinaDayNow = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
