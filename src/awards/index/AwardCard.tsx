import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/ActionButton'
import type { Award } from '../../../types/award'
import { AWARD_KIND_NAMES, AWARD_STATUS_NAMES } from '../../../types/award-labels'
import { useAction } from '../../hooks/useAction'
import { callApi } from '../../services/api'
import { decisionRequestId } from '../../lib/request-id'
import { formatDay } from '../../lib/day'

/** One nomination or award; the secretary (or a leader) confirms a pending one — never its nominator (the server checks). */
export function AwardCard({ award, canConfirm, onDone }: { award: Award; canConfirm: boolean; onDone: () => void }) {
  const decide = useAction((decision: 'confirm' | 'reject') => callApi('award.confirm', { awardId: award.id, decision, expectedVersion: award.version, requestId: decisionRequestId(award.id, award.version, decision) }))
  const go = async (decision: 'confirm' | 'reject') => {
    if (await decide.execute(decision)) {
      void Taro.showToast({ title: decision === 'confirm' ? '已确认' : '已不通过', icon: 'success' })
      onDone()
    }
  }
  return (
    <View className={`card award-card award-card--${award.status}`} data-award-id={award.id}>
      <View className='award-card__top'>
        <Text className='award-card__kind'>{AWARD_KIND_NAMES[award.kind]}</Text>
        <Text className='award-card__when'>{award.week ?? `${award.year}年`}</Text>
        <Text className='award-status'>{AWARD_STATUS_NAMES[award.status]}</Text>
      </View>
      <Text className='award-card__label'>{award.label}</Text>
      <Text className='award-card__reason'>{award.reason}</Text>
      {award.prize && <Text className='award-card__prize'>奖品：{award.prize}</Text>}
      <Text className='muted'>
        {award.nominatedByName} 提名{award.decidedByName ? ` · ${award.decidedByName} ${AWARD_STATUS_NAMES[award.status]}` : ''}
        {award.boardDate ? ` · ${formatDay(award.boardDate)}上榜` : ''}
      </Text>
      {decide.error && <Text className='error-text award-error'>{decide.error}</Text>}
      {canConfirm && award.status === 'nominated' && (
        <View className='award-buttons'>
          <ActionButton className='btn btn--ghost award-reject' size='mini' disabled={decide.pending} onClick={() => go('reject')}>
            不通过
          </ActionButton>
          <ActionButton className='btn btn--primary award-confirm' size='mini' disabled={decide.pending} onClick={() => go('confirm')}>
            确认
          </ActionButton>
        </View>
      )}
    </View>
  )
}
