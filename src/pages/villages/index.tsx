import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { Village } from '../../../types/village'
import { VillagePicker } from '../../components/VillagePicker'
import { useChosenVillage } from '../../hooks/useChosenVillage'
import { withElderMode } from '../../components/ElderMode'

/** 切换村庄: the same list as a new visitor's 今日公告; the choice is kept on this device. */
function VillagesPage() {
  const [chosen, setChosen] = useChosenVillage()

  const choose = (v: Village) => {
    setChosen({ id: v.id, name: v.name })
    void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/board/index' }))
  }

  return (
    <View className='villages-page'>
      <VillagePicker chosenId={chosen?.id} onChoose={choose} />
    </View>
  )
}

export default withElderMode(VillagesPage)
