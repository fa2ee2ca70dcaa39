import { Button, Text, View } from '@tarojs/components'
import type { AssessmentRow } from '../../../types/application'
import type { EvidenceLabels, RowEvidence } from './EvidencePicker'

type Props = {
  row: AssessmentRow
  labels: EvidenceLabels
  /** Given while the row is editable: × on each chip removes it. */
  onRemove?: (next: RowEvidence) => void
  /** Given while the row is editable: opens the picker. */
  onPick?: () => void
}

/** The evidence linked on one self-assessment row, as chips; editable rows can remove them and add more. */
export function EvidenceChips({ row, labels, onRemove, onPick }: Props) {
  const ev = { ledgerIds: row.ledgerIds, checklistIds: row.checklistIds }
  return (
    <View className='ev-chips'>
      {row.ledgerIds.map((id) => (
        <Text key={id} className='ev-chip ev-chip--ledger' data-id={id}>
          台账 · {labels[id] ?? '…'}
          {onRemove && <Text className='ev-chip__x' onClick={() => onRemove({ ...ev, ledgerIds: ev.ledgerIds.filter((x) => x !== id) })}>×</Text>}
        </Text>
      ))}
      {row.checklistIds.map((id) => (
        <Text key={id} className='ev-chip ev-chip--checklist' data-id={id}>
          清单 · {labels[id] ?? '…'}
          {onRemove && <Text className='ev-chip__x' onClick={() => onRemove({ ...ev, checklistIds: ev.checklistIds.filter((x) => x !== id) })}>×</Text>}
        </Text>
      ))}
      {onPick && <Button className='btn btn--ghost ev-pick' size='mini' onClick={onPick}>关联佐证</Button>}
    </View>
  )
}
