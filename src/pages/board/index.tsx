import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { BoardHeader, BoardView } from '../../components/BoardView'
import { EntryActions } from '../../components/EntryActions'
import { MorningReminder } from '../../components/MorningReminder'
import { VillageStars } from '../../components/VillageStars'
import { StateView } from '../../components/StateView'
import { VillagePicker } from '../../components/VillagePicker'
import { useBoardPage } from '../../hooks/useBoardPage'
import { useChosenVillage } from '../../hooks/useChosenVillage'
import { useMe } from '../../hooks/useMe'
import { useVillageName } from '../../hooks/useVillageName'
import { todayInChina } from '../../lib/day'
import './index.css'
import { withElderMode } from '../../components/ElderMode'

const openSwitcher = () => Taro.navigateTo({ url: '/pages/villages/index' })
const openHistory = () => Taro.switchTab({ url: '/pages/history/index' })

/** 今日公告: the chosen (or bound) village's board for today in China; without one, the villages to choose from. */
function BoardPage() {
  const me = useMe()
  const [chosen, setChosen] = useChosenVillage()
  const villageId = chosen?.id ?? me.data?.villageId ?? null
  const villageName = useVillageName(villageId, chosen?.name ?? '')
  const board = useBoardPage({ villageId, villageName, alsoRefresh: me.reload })

  if (!villageId) {
    // A visitor with no village yet: the township's villages right here, chosen once and remembered.
    return (
      <View className='board-page board-page--choose'>
        <StateView ready={!!me.data} loading={me.loading} error={me.error} onRetry={me.reload}>
          <View className='board-welcome'>
            <Text className='board-welcome__title'>请选择您所在的村</Text>
            <Text className='muted'>选好后，每次打开直接显示本村今日公告；可随时“切换村庄”</Text>
          </View>
          <VillagePicker onChoose={(v) => setChosen({ id: v.id, name: v.name })} />
        </StateView>
      </View>
    )
  }

  return (
    <View className='board-page'>
      <VillageStars villageId={villageId} />
      <StateView
        ready={board.data !== undefined}
        loading={board.loading}
        error={board.error}
        onRetry={board.reload}
      >
        {board.data ? (
          <BoardView
            board={board.data}
            entryActions={(entry) => <EntryActions entry={entry} board={board.data!} me={me.data} onChanged={board.reload} />}
          />
        ) : (
          <>
            <BoardHeader villageName={villageName} date={todayInChina()} />
            <View className='board-empty'>
              <Text className='board-empty__text'>今日公告尚未发布</Text>
              <Text className='muted'>每天早上 7:00 发布</Text>
              <Button className='btn board-empty__history' onClick={openHistory}>
                查看往期公告
              </Button>
            </View>
          </>
        )}
      </StateView>
      {me.data?.signedIn && <MorningReminder villageId={villageId} />}
      <View className='board-page__switch' onClick={openSwitcher}>
        <Text>切换村庄</Text>
      </View>
    </View>
  )
}

export default withElderMode(BoardPage)
