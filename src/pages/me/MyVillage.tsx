import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/ActionButton'
import type { Me } from '../../../types/village'
import { useAction } from '../../hooks/useAction'
import { useChosenVillage } from '../../hooks/useChosenVillage'
import { useVillageName } from '../../hooks/useVillageName'
import { callApi } from '../../services/api'

/** 我的村: the village I am bound to, and binding the one chosen on this device. */
export function MyVillage({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const [chosen] = useChosenVillage()
  const boundName = useVillageName(me.villageId, me.villageId ? '已绑定' : '')
  const bind = useAction((villageId: string) => callApi('me.bindVillage', { villageId }))

  const onBind = async () => {
    if (!chosen) return
    if (await bind.execute(chosen.id)) {
      void Taro.showToast({ title: '已设为我的村', icon: 'success' })
      onChanged()
    }
  }

  return (
    <View className='card my-village'>
      <Text className='card__title'>我的村</Text>
      <View className='link-row'>
        <Text>{me.villageId ? boundName : '尚未绑定村庄'}</Text>
        <Text className='muted' onClick={() => Taro.navigateTo({ url: '/pages/villages/index' })}>
          {chosen ? `正在查看：${chosen.name}` : '选择村庄'} ›
        </Text>
      </View>
      {chosen && chosen.id !== me.villageId && (
        <ActionButton className='btn btn--primary my-village__bind' loading={bind.pending} onClick={onBind}>
          设为我的村（{chosen.name}）
        </ActionButton>
      )}
      {bind.error && <Text className='error-text'>{bind.error}</Text>}
      <Text className='muted'>绑定后可对本村的曝光提出申诉。</Text>
    </View>
  )
}
