import { useEffect, useState } from 'react'
import type { Application } from '../../../types/application'
import { callApi } from '../../services/api'
import type { EvidenceLabels, RowEvidence } from './EvidencePicker'

/**
 * The evidence linked on each self-assessment row while the cadre edits it: picks are kept per
 * loaded version of the application (a reload after saving starts from what the server holds), and
 * `app` is the loaded application with them applied, so the page's 保存 sends what is shown.
 * Labels for ids the page did not pick itself are fetched: ledger.get per entry, the village's
 * checklist items of the star in one page.
 */
export function useEvidence(loaded: Application | undefined) {
  const [picked, setPicked] = useState<{ version: number; id: string; rows: Record<string, RowEvidence> }>({ version: 0, id: '', rows: {} })
  const [labels, setLabels] = useState<EvidenceLabels>({})
  const current = loaded && picked.version === loaded.version && picked.id === loaded.id ? picked.rows : {}

  const app: Application | undefined = loaded && { ...loaded, rows: loaded.rows.map((r) => ({ ...r, ...(current[r.criterionId] ?? {}) })) }

  const setRow = (criterionId: string, evidence: RowEvidence, newLabels: EvidenceLabels = {}) => {
    if (!loaded) return
    setPicked({ version: loaded.version, id: loaded.id, rows: { ...current, [criterionId]: evidence } })
    setLabels((l) => ({ ...l, ...newLabels }))
  }

  const ledgerKey = (app?.rows ?? []).flatMap((r) => r.ledgerIds).filter((id) => !labels[id]).join(',')
  const checklistKey = (app?.rows ?? []).flatMap((r) => r.checklistIds).filter((id) => !labels[id]).join(',')
  useEffect(() => {
    if (!ledgerKey) return
    let live = true
    void Promise.all(ledgerKey.split(',').map((entryId) => callApi('ledger.get', { entryId }).then((e) => [entryId, `${e.date} ${e.otherName ?? e.activityType}`] as const).catch(() => [entryId, '台账'] as const)))
      .then((pairs) => live && setLabels((l) => ({ ...l, ...Object.fromEntries(pairs) })))
    return () => { live = false }
  }, [ledgerKey])
  useEffect(() => {
    if (!checklistKey || !loaded) return
    let live = true
    void callApi('checklist.list', { villageId: loaded.villageId, star: loaded.star, limit: 50 })
      .then((page) => {
        const known = Object.fromEntries(page.items.map((c) => [c.id, c.text]))
        if (live) setLabels((l) => ({ ...l, ...Object.fromEntries(checklistKey.split(',').map((id) => [id, known[id] ?? '清单事项'])) }))
      })
      .catch(() => undefined)
    return () => { live = false }
  }, [checklistKey, loaded])

  return { app, labels, setRow }
}
