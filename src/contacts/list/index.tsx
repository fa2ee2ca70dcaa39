import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { Contact } from '../../../types/contact'
import type { RoleHolder } from '../../../types/invite'
import { callApi } from '../../services/api'
import { useAsync } from '../../hooks/useAsync'
import { useAction } from '../../hooks/useAction'
import { useMe } from '../../hooks/useMe'
import { StateView } from '../../components/StateView'
import { ActionButton } from '../../components/ActionButton'
import { withElderMode } from '../../components/ElderMode'
import { todayInChina } from '../../lib/day'
import '../../weekly/weekly.css'

/** The form of one village's record: the contact leader and first secretary picked from the role list (by handle). */
function ContactForm({ villageId, year, current, onSaved }: { villageId: string; year: number; current: Contact | undefined; onSaved: () => void }) {
  const people = useAsync(async () => {
    const [township, village] = await Promise.all([callApi('role.list', { limit: 50 }), callApi('role.list', { villageId, limit: 50 })])
    return {
      leaders: township.items.filter((h) => h.grants.some((g) => g.role === 'leader')),
      cadres: village.items.filter((h) => h.grants.some((g) => g.role === 'cadre' && g.villageId === villageId)),
    }
  }, [villageId])
  const [leader, setLeader] = useState<string | null>(null)
  const [secretary, setSecretary] = useState<string | null>(null)
  const [unit, setUnit] = useState(current?.unit ?? '')
  const [secretaryUnit, setSecretaryUnit] = useState(current?.firstSecretaryUnit ?? '')
  const saving = useAction(async () => {
    if (!leader) throw new Error('请选择联系领导')
    await callApi('contact.set', {
      villageId, year, leaderRef: leader, unit,
      firstSecretaryRef: secretary, firstSecretaryUnit: secretary ? secretaryUnit : null,
      ...(current ? { expectedVersion: current.version } : {}),
    })
    onSaved()
  })
  const choice = (h: RoleHolder, on: boolean, pick: () => void) => (
    <Text key={h.ref} className={`ct-choice${on ? ' ct-choice--on' : ''}`} onClick={pick}>{h.name}</Text>
  )
  return (
    <StateView ready={!!people.data} loading={people.loading} error={people.error} onRetry={people.reload}>
      {people.data && (
        <View className='ct-form'>
          <Text className='wk-label'>联系领导（科级干部）</Text>
          <View>{people.data.leaders.map((h) => choice(h, leader === h.ref, () => setLeader(h.ref)))}</View>
          <Text className='wk-label'>包村单位（市直单位）</Text>
          <Input className='ct-input ct-unit' value={unit} maxlength={40} placeholder='如：禹州市财政局' onInput={(e) => setUnit(e.detail.value)} />
          <Text className='wk-label'>第一书记（本村村干部，可不选）</Text>
          <View>
            <Text className={`ct-choice${secretary === null ? ' ct-choice--on' : ''}`} onClick={() => setSecretary(null)}>无</Text>
            {people.data.cadres.map((h) => choice(h, secretary === h.ref, () => setSecretary(h.ref)))}
          </View>
          {secretary && <Input className='ct-input' value={secretaryUnit} maxlength={40} placeholder='第一书记派出单位' onInput={(e) => setSecretaryUnit(e.detail.value)} />}
          <ActionButton className='btn ct-save' loading={saving.pending} onClick={() => saving.execute()}>保存</ActionButton>
          {saving.error && <Text className='wk-error'>{saving.error}</Text>}
        </View>
      )}
    </StateView>
  )
}

/** 联系村: who answers for each village this year — contact leader, sponsoring unit, 第一书记; a leader's own villages first. */
function ContactsPage() {
  const me = useMe()
  const year = Number(todayInChina().slice(0, 4))
  const list = useAsync(async () => (me.data ? callApi('contact.list', { year }) : null), [me.data?.personId, year])
  const villages = useAsync(() => callApi('village.list', { limit: 50 }), [])
  const manager = (me.data?.grants ?? []).some((g) => g.role === 'leader' || g.role === 'admin')
  const [editing, setEditing] = useState<string | null>(null)
  const byVillage = new Map((list.data?.items ?? []).map((c) => [c.villageId, c]))
  // Villages without a record are listed after those with one, so a manager can fill them in.
  const missing = (villages.data?.items ?? []).filter((v) => !byVillage.has(v.id))
  return (
    <View className='wk-page'>
      <StateView ready={!!list.data} loading={list.loading || me.loading} error={list.error ?? me.error} onRetry={list.reload} empty={list.data?.items.length === 0 && !manager} emptyText='本年度尚未登记联系村'>
        {list.data && (
          <View className='wk-card'>
            <Text className='wk-title'>{year} 年联系村</Text>
            <Text className='wk-muted'>科级领导干部联系指导行政村、市直单位分包联系村、驻村第一书记</Text>
            {list.data.items.map((c) => (
              <View key={c.villageId} className={`ct-item ct-village-${c.villageId}${c.mine ? ' ct-item--mine' : ''}`}>
                <Text className='ct-name'>{c.villageName}</Text>
                {c.mine && <Text className='ct-mine'>我的联系村</Text>}
                <Text className='ct-line ct-leader'>联系领导：{c.leaderName}</Text>
                <Text className='ct-line ct-unit-text'>包村单位：{c.unit}</Text>
                <Text className='ct-line ct-first'>第一书记：{c.firstSecretaryName ? `${c.firstSecretaryName}（${c.firstSecretaryUnit ?? ''}）` : '无'}</Text>
                {manager && editing !== c.villageId && <Text className='ct-edit' onClick={() => setEditing(c.villageId)}>修改</Text>}
                {editing === c.villageId && <ContactForm villageId={c.villageId} year={year} current={c} onSaved={() => { setEditing(null); void list.reload() }} />}
              </View>
            ))}
            {manager && missing.map((v) => (
              <View key={v.id} className={`ct-item ct-village-${v.id}`}>
                <Text className='ct-name'>{v.name}</Text>
                <Text className='ct-line wk-muted'>尚未登记</Text>
                {editing !== v.id ? <Text className='ct-edit' onClick={() => setEditing(v.id)}>登记</Text> : <ContactForm villageId={v.id} year={year} current={undefined} onSaved={() => { setEditing(null); void list.reload() }} />}
              </View>
            ))}
          </View>
        )}
      </StateView>
    </View>
  )
}

export default withElderMode(ContactsPage)
