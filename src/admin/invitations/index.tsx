import { useMemo, useState } from 'react'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import type { Invite, InviteCreated, InviteStatus } from '../../../types/invite'
import { INVITE_DEFAULT_DAYS } from '../../../types/invite'
import type { Me } from '../../../types/village'
import { ROLE_NAMES, STARS, STAR_NAMES, type Role, type Star } from '../../../types/roles'
import { StateView } from '../../components/StateView'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { pagedListState, usePagedList } from '../../hooks/usePagedList'
import { grantLabel } from '../../lib/grants'
import { withPrivacy } from '../../lib/privacy'
import { callApi } from '../../services/api'
import { AdminGate, Chips, useVillages } from '../components/shared'
import { useRequestId } from '../../lib/request-id'
import './index.css'
import { withElderMode } from '../../components/ElderMode'

type InvitableRole = 'cadre' | 'secretary' | 'taskforce' | 'leader' | 'admin'

/** The roles I may invite (UI hint; the server decides): admins any, leaders cadres/secretaries/task force, secretaries cadres. */
function invitableRoles(me: Me): InvitableRole[] {
  const held = new Set(me.grants.map((g) => g.role))
  if (held.has('admin') || me.deploymentAdmin) return ['cadre', 'secretary', 'taskforce', 'leader', 'admin']
  if (held.has('leader')) return ['cadre', 'secretary', 'taskforce']
  if (held.has('secretary')) return ['cadre']
  return []
}

/** The one village a secretary (only) manages; null for township managers. */
function secretaryVillage(me: Me): string | null {
  if (me.deploymentAdmin || me.grants.some((g) => g.role === 'admin' || g.role === 'leader')) return null
  return me.grants.find((g) => g.role === 'secretary')?.villageId ?? null
}

const STATUS_NAMES: Record<InviteStatus, string> = { open: '待使用', used: '已使用', cancelled: '已取消', expired: '已过期' }

/** 邀请干部: make a single-use code for one role, share it, and see and cancel the township's invitations. */
function InvitationsPage() {
  return <AdminGate entry='invitations'>{(me) => <Invitations me={me} />}</AdminGate>
}

function Invitations({ me }: { me: Me }) {
  const roles = invitableRoles(me)
  const ownVillage = secretaryVillage(me)
  // Deployment admins invite in any township (a new township's first admin, say).
  const townships = useAsync(() => (me.deploymentAdmin ? callApi('township.list', {}) : Promise.resolve({ items: [] })), [me.deploymentAdmin])
  const [townshipId, setTownshipId] = useState(me.townshipId)
  const villages = useVillages(townshipId)
  const [role, setRole] = useState<InvitableRole>(roles[0] ?? 'cadre')
  const [villageId, setVillageId] = useState<string | null>(ownVillage)
  const [star, setStar] = useState<Star>(1)
  const [days, setDays] = useState(INVITE_DEFAULT_DAYS)
  const [created, setCreated] = useState<InviteCreated | null>(null)
  const [refreshKey, setRefreshKey] = useState(0)
  const requestId = useRequestId()

  const villageOptions = useMemo(
    () => (villages.data ?? []).filter((v) => !ownVillage || v.id === ownVillage).map((v) => ({ value: v.id, label: v.name })),
    [villages.data, ownVillage],
  )
  const needsVillage = role === 'cadre' || role === 'secretary'
  const create = useAction(() =>
    callApi('invite.create', {
      role,
      ...(needsVillage && villageId ? { villageId } : { townshipId }),
      ...(role === 'taskforce' ? { star } : {}),
      days,
      requestId: requestId.current,
    }),
  )

  const submit = async () => {
    if (needsVillage && !villageId) {
      void Taro.showToast({ title: '请选择村庄', icon: 'none' })
      return
    }
    const result = await create.execute()
    if (result) {
      setCreated(result)
      requestId.renew()
      setRefreshKey((k) => k + 1)
    }
  }

  useShareAppMessage(() => ({
    title: created ? `邀请你担任${grantLabel(created.grant)}，点开输入姓名即可加入` : '五星支部',
    path: created ? `/join/redeem/index?code=${created.code}` : '/pages/board/index',
  }))

  const villageName = (id: string | null) => (id ? (villages.data?.find((v) => v.id === id)?.name ?? id) : '')

  return (
    <View className='invitations-page'>
      <View className='card invite-form'>
        <Text className='card__title'>生成邀请码</Text>
        {(townships.data?.items.length ?? 0) > 1 && (
          <>
            <Text className='admin-label'>乡镇</Text>
            <Chips
              className='invite-township'
              options={(townships.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
              value={townshipId}
              onChange={(id) => {
                setTownshipId(id)
                setVillageId(null)
              }}
            />
          </>
        )}
        <Text className='admin-label'>角色</Text>
        <Chips className='invite-role' options={roles.map((r) => ({ value: r, label: ROLE_NAMES[r as Role] }))} value={role} onChange={setRole} />
        {needsVillage && (
          <>
            <Text className='admin-label'>村庄</Text>
            <Chips className='invite-village' options={villageOptions} value={villageId} onChange={setVillageId} />
          </>
        )}
        {role === 'taskforce' && (
          <>
            <Text className='admin-label'>星级</Text>
            <Chips className='invite-star' options={STARS.map((s) => ({ value: s, label: STAR_NAMES[s] }))} value={star} onChange={setStar} />
          </>
        )}
        <Text className='admin-label'>有效期</Text>
        <Chips className='invite-days' options={[1, 3, 7, 30].map((d) => ({ value: d, label: `${d} 天` }))} value={days} onChange={setDays} />
        {create.error && <Text className='error-text'>{create.error}</Text>}
        <Button className='btn btn--primary invite-submit' loading={create.pending} disabled={create.pending} onClick={submit}>
          生成邀请码
        </Button>
      </View>

      {created && (
        <View className='card invite-result'>
          <Text className='card__title'>
            {grantLabel(created.grant)}
            {created.villageId ? `（${villageName(created.villageId)}）` : ''}
          </Text>
          <Text className='invite-code' selectable userSelect>
            {created.code}
          </Text>
          <Text className='muted'>有效期至 {created.validThrough}（北京时间），只能使用一次。邀请码只显示这一次，请现在发给被邀请人。</Text>
          {created.qr && <Image className='invite-qr' src={created.qr} mode='aspectFit' />}
          <View className='admin-row__actions'>
            <Button className='btn btn--ghost invite-copy' size='mini' onClick={() => withPrivacy(() => Taro.setClipboardData({ data: created.code }))}>
              复制邀请码
            </Button>
            {process.env.TARO_ENV === 'weapp' && (
              <Button className='btn btn--ghost invite-share' size='mini' openType='share'>
                发给微信好友
              </Button>
            )}
          </View>
        </View>
      )}

      <InviteList townshipId={townshipId} villageId={ownVillage} refreshKey={refreshKey} villageName={villageName} />
    </View>
  )
}

function InviteList({ townshipId, villageId, refreshKey, villageName }: { townshipId: string; villageId: string | null; refreshKey: number; villageName: (id: string | null) => string }) {
  const list = usePagedList<Invite>(
    (cursor) => callApi('invite.list', { ...(villageId ? { villageId } : { townshipId }), limit: 20, ...(cursor ? { cursor } : {}) }),
    [townshipId, villageId, refreshKey],
  )
  const cancel = useAction((id: string) => callApi('invite.cancel', { inviteId: id }))
  const onCancel = async (invite: Invite) => {
    const confirmed = await Taro.showModal({ title: '取消邀请', content: '取消后该邀请码立即失效，确定取消？' })
    if (!confirmed.confirm) return
    if (await cancel.execute(invite.id)) void list.reload()
  }
  return (
    <View className='card invite-list'>
      <Text className='card__title'>邀请记录</Text>
      {cancel.error && <Text className='error-text'>{cancel.error}</Text>}
      <StateView {...pagedListState(list)} emptyText='还没有邀请'>
        {list.items.map((i) => (
          <View key={i.id} className={`admin-row invite-row invite-row--${i.status}`}>
            <Text className='admin-row__title'>
              {grantLabel(i.grant)} {villageName(i.villageId)} · {STATUS_NAMES[i.status]}
            </Text>
            <Text className='admin-row__meta'>
              {i.createdByName} 邀请，有效期至 {i.validThrough}
              {i.redeemedByName ? `，${i.redeemedByName} 已加入` : ''}
            </Text>
            {i.status === 'open' && (
              <View className='admin-row__actions'>
                <Button className='btn btn--plain invite-cancel' size='mini' onClick={() => onCancel(i)}>
                  取消邀请
                </Button>
              </View>
            )}
          </View>
        ))}
        {list.hasMore && (
          <Button className='btn btn--plain' size='mini' onClick={list.loadMore}>
            更多
          </Button>
        )}
      </StateView>
    </View>
  )
}

export default withElderMode(InvitationsPage)
