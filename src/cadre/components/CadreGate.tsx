import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Me } from '../../../types/village'
import { StateView } from '../../components/StateView'
import { useChosenVillage } from '../../hooks/useChosenVillage'
import { useMe } from '../../hooks/useMe'
import { useVillageName } from '../../hooks/useVillageName'
import { isLeader, pickCadreVillage } from '../../lib/grants'
import './CadreGate.css'

type Props = {
  children: (ctx: { me: Me; villageId: string; reloadMe: () => Promise<void> }) => ReactNode
  /** Let township leaders in too, on the village chosen with the village switcher (review). */
  leaders?: boolean
}

/** Renders a cadre page only for a village cadre; others see a refusal (the server refuses them anyway). */
export function CadreGate({ children, leaders }: Props) {
  const me = useMe()
  const [chosen] = useChosenVillage()
  const preferred = chosen?.id ?? me.data?.villageId ?? null
  const villageId = pickCadreVillage(me.data, preferred) ?? (leaders && isLeader(me.data) ? preferred : null)
  const villageName = useVillageName(villageId)
  return (
    <StateView ready={!!me.data} loading={me.loading} error={me.error} onRetry={me.reload}>
      {me.data &&
        (villageId ? (
          <>
            {villageName && <Text className='cadre-village'>{villageName}</Text>}
            {children({ me: me.data, villageId, reloadMe: me.reload })}
          </>
        ) : (
          <View className='cadre-refused'>
            <Text className='cadre-refused__text'>仅村干部可用</Text>
            <Text className='muted'>如需使用，请联系管理员获取邀请码。</Text>
          </View>
        ))}
    </StateView>
  )
}
