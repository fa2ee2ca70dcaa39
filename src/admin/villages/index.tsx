import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import type { ActionInput } from '../../../types/api'
import type { Me, Village } from '../../../types/village'
import { StateView } from '../../components/StateView'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { callApi } from '../../services/api'
import { AdminGate, Chips, useVillages } from '../components/shared'
import { newRequestId, useRequestId } from '../../lib/request-id'
import { withElderMode } from '../../components/ElderMode'

/** 村庄管理: rename, add, reorder and archive the township's villages; deployment admins also add townships. */
function VillagesPage() {
  return <AdminGate entry='villages'>{(me) => <Villages me={me} />}</AdminGate>
}

function Villages({ me }: { me: Me }) {
  const townships = useAsync(() => callApi('township.list', {}), [])
  const [townshipId, setTownshipId] = useState(me.townshipId)
  const villages = useVillages(townshipId)
  const change = useAction((input: ActionInput<'village.update'>) => callApi('village.update', input))
  const [newName, setNewName] = useState('')
  const addRequest = useRequestId()

  // One request id per edit (kept while it fails, so tapping again lands once; a new one once it lands).
  const editRequests = useRef(new Map<string, string>())
  const run = async (input: ActionInput<'village.update'>) => {
    const key = JSON.stringify(input)
    const requestId = input.op === 'add' ? input.requestId : editRequests.current.get(key) ?? newRequestId()
    editRequests.current.set(key, requestId ?? '')
    const done = await change.execute({ ...input, requestId } as ActionInput<'village.update'>)
    if (done) {
      editRequests.current.delete(key)
      await villages.reload()
    }
    return done
  }
  const add = async () => {
    if (await run({ op: 'add', townshipId, name: newName, requestId: addRequest.current })) {
      setNewName('')
      addRequest.renew()
    }
  }
  const archive = async (v: Village) => {
    const confirmed = await Taro.showModal({ title: '归档村庄', content: `归档后“${v.name}”不再出现在村庄列表中，历史公告保留。确定归档？` })
    if (confirmed.confirm) await run({ op: 'archive', villageId: v.id })
  }

  return (
    <View className='villages-admin-page'>
      {me.deploymentAdmin && <TownshipAdmin onCreated={townships.reload} />}
      {(townships.data?.items.length ?? 0) > 1 && (
        <View className='card'>
          <Text className='card__title'>乡镇</Text>
          <Chips className='admin-township' options={(townships.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))} value={townshipId} onChange={setTownshipId} />
        </View>
      )}
      <View className='card'>
        <Text className='card__title'>村庄（按显示顺序）</Text>
        {change.error && <Text className='error-text'>{change.error}</Text>}
        <StateView ready={!!villages.data} loading={villages.loading} error={villages.error} onRetry={villages.reload} empty={villages.data?.length === 0} emptyText='还没有村庄'>
          {villages.data?.map((v, i) => (
            <VillageRow key={v.id} village={v} first={i === 0} last={i === (villages.data?.length ?? 0) - 1} busy={change.pending} run={run} onArchive={() => archive(v)} />
          ))}
        </StateView>
        <Text className='admin-label'>新增村庄</Text>
        <Input className='admin-input village-new-name' value={newName} maxlength={20} placeholder='村名，如 张庄村' onInput={(e) => setNewName(e.detail.value)} />
        <Button className='btn btn--primary village-add' size='mini' disabled={change.pending} onClick={add}>
          新增
        </Button>
      </View>
    </View>
  )
}

function VillageRow({ village, first, last, busy, run, onArchive }: {
  village: Village; first: boolean; last: boolean; busy: boolean
  run: (input: ActionInput<'village.update'>) => Promise<unknown>; onArchive: () => void
}) {
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(village.name)
  return (
    <View className='admin-row village-row' data-id={village.id}>
      {editing ? (
        <View>
          <Input className='admin-input village-rename-input' value={name} maxlength={20} onInput={(e) => setName(e.detail.value)} />
          <View className='admin-row__actions'>
            <Button className='btn btn--primary' size='mini' disabled={busy} onClick={async () => { if (await run({ op: 'rename', villageId: village.id, name })) setEditing(false) }}>
              保存
            </Button>
            <Button className='btn btn--plain' size='mini' onClick={() => setEditing(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <Text className='admin-row__title'>{village.name}</Text>
      )}
      {!editing && (
        <View className='admin-row__actions'>
          <Button className='btn btn--plain' size='mini' onClick={() => setEditing(true)}>改名</Button>
          <Button className='btn btn--plain' size='mini' disabled={busy || first} onClick={() => run({ op: 'move', villageId: village.id, direction: 'up' })}>上移</Button>
          <Button className='btn btn--plain' size='mini' disabled={busy || last} onClick={() => run({ op: 'move', villageId: village.id, direction: 'down' })}>下移</Button>
          <Button className='btn btn--plain village-archive' size='mini' disabled={busy} onClick={onArchive}>归档</Button>
        </View>
      )}
    </View>
  )
}

/** 新建乡镇 (deployment admins): then invite its first admin from 邀请干部. */
function TownshipAdmin({ onCreated }: { onCreated: () => unknown }) {
  const [name, setName] = useState('')
  const [county, setCounty] = useState('')
  const requestId = useRequestId()
  const create = useAction(() => callApi('township.create', { name, county, requestId: requestId.current }))
  const submit = async () => {
    const created = await create.execute()
    if (created) {
      requestId.renew()
      setName('')
      void Taro.showToast({ title: `已创建${created.name}，请邀请其管理员`, icon: 'none' })
      await onCreated()
    }
  }
  return (
    <View className='card township-admin'>
      <Text className='card__title'>新建乡镇（部署管理员）</Text>
      <Input className='admin-input' value={name} maxlength={20} placeholder='乡镇名称，如 神垕镇' onInput={(e) => setName(e.detail.value)} />
      <Input className='admin-input' value={county} maxlength={20} placeholder='所属县（市、区），如 禹州市' onInput={(e) => setCounty(e.detail.value)} />
      {create.error && <Text className='error-text'>{create.error}</Text>}
      <Button className='btn btn--primary' size='mini' disabled={create.pending} onClick={submit}>
        新建乡镇
      </Button>
    </View>
  )
}

export default withElderMode(VillagesPage)
