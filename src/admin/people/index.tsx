import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { RoleHolder } from '../../../types/invite'
import type { RoleGrant } from '../../../types/roles'
import type { Me } from '../../../types/village'
import { StateView } from '../../components/StateView'
import { useAction } from '../../hooks/useAction'
import { pagedListState, usePagedList } from '../../hooks/usePagedList'
import { grantLabel } from '../../lib/grants'
import { callApi } from '../../services/api'
import { useRequestId } from '../../lib/request-id'
import { AdminGate, useVillages } from '../components/shared'
import { withElderMode } from '../../components/ElderMode'

/** The one village a secretary (only) manages; null for township managers. */
function secretaryVillage(me: Me): string | null {
  if (me.deploymentAdmin || me.grants.some((g) => g.role === 'admin' || g.role === 'leader')) return null
  return me.grants.find((g) => g.role === 'secretary')?.villageId ?? null
}

const grantKey = (g: RoleGrant) => `${g.role}-${'villageId' in g ? g.villageId : 'star' in g ? g.star : ''}`

/** 人员与角色: who holds which role (a secretary: their village's cadres), and revoking a grant with a reason. */
function PeoplePage() {
  return <AdminGate entry='people'>{(me) => <People me={me} />}</AdminGate>
}

function People({ me }: { me: Me }) {
  const villageId = secretaryVillage(me)
  const villages = useVillages(me.townshipId)
  const [refreshKey, setRefreshKey] = useState(0)
  const list = usePagedList<RoleHolder>(
    (cursor) => callApi('role.list', { ...(villageId ? { villageId } : { townshipId: me.townshipId }), limit: 20, ...(cursor ? { cursor } : {}) }),
    [me.townshipId, villageId, refreshKey],
  )
  const villageName = (g: RoleGrant) => ('villageId' in g ? (villages.data?.find((v) => v.id === g.villageId)?.name ?? g.villageId) : '')
  return (
    <View className='people-page'>
      <View className='card'>
        <Text className='card__title'>{villageId ? '本村村干部' : '本镇人员与角色'}</Text>
        <StateView {...pagedListState(list)} emptyText='还没有人担任角色'>
          {list.items.map((h) => (
            <View key={h.ref} className='admin-row person-row' data-name={h.name}>
              <Text className='admin-row__title'>{h.name}</Text>
              {h.personId && <Text className='admin-row__meta person-id' selectable userSelect>用户编号：{h.personId}</Text>}
              {h.grants.map((g) => (
                <GrantLine key={grantKey(g)} holder={h} grant={g} label={`${villageName(g)} ${grantLabel(g)}`} onRevoked={() => setRefreshKey((k) => k + 1)} />
              ))}
            </View>
          ))}
          {list.hasMore && (
            <Button className='btn btn--plain' size='mini' onClick={list.loadMore}>
              更多
            </Button>
          )}
        </StateView>
      </View>
    </View>
  )
}

function GrantLine({ holder, grant, label, onRevoked }: { holder: RoleHolder; grant: RoleGrant; label: string; onRevoked: () => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  // The same while a revoke is retried (a second tap after a lost answer answers the first result).
  const requestId = useRequestId()
  const revoke = useAction(() => callApi('role.revoke', { ref: holder.ref, grant, reason, requestId: requestId.current }))
  const submit = async () => {
    if (await revoke.execute()) {
      requestId.renew()
      onRevoked()
    }
  }
  return (
    <View className={`grant-line grant-line--${grant.role}`}>
      <Text className='admin-row__meta'>{label.trim()}</Text>
      {!open ? (
        <Button className='btn btn--plain grant-revoke' size='mini' onClick={() => setOpen(true)}>
          撤销
        </Button>
      ) : (
        <View className='grant-revoke-form'>
          <Input className='admin-input grant-revoke-reason' value={reason} maxlength={200} placeholder='撤销原因（必填）' onInput={(e) => setReason(e.detail.value)} />
          {revoke.error && <Text className='error-text'>{revoke.error}</Text>}
          <View className='admin-row__actions'>
            <Button className='btn btn--primary grant-revoke-confirm' size='mini' loading={revoke.pending} disabled={revoke.pending} onClick={submit}>
              确认撤销
            </Button>
            <Button className='btn btn--plain' size='mini' onClick={() => setOpen(false)}>
              取消
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}

export default withElderMode(PeoplePage)
