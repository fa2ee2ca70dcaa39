import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { BoardHeader, BoardView } from '../../components/BoardView'
import { EntryActions } from '../../components/EntryActions'
import { StateView } from '../../components/StateView'
import { useBoardPage } from '../../hooks/useBoardPage'
import { useMe } from '../../hooks/useMe'
import { useVillageName } from '../../hooks/useVillageName'
import { todayInChina } from '../../lib/day'
import '../board/index.css'
import { withElderMode } from '../../components/ElderMode'

/** One village's board for one day: opened from 往期 or from a card shared to a group. */
function DayPage() {
  const { params } = useRouter()
  const villageId = params.villageId || null
  const date = params.date || todayInChina()
  const me = useMe()
  const villageName = useVillageName(villageId)
  const board = useBoardPage({ villageId, villageName, date, alsoRefresh: me.reload })

  return (
    <View className='board-page'>
      <StateView
        ready={board.data !== undefined}
        loading={board.loading}
        error={villageId ? board.error : '链接缺少村庄参数'}
        onRetry={board.reload}
      >
        {board.data ? (
          <BoardView
            board={board.data}
            entryActions={(entry) => <EntryActions entry={entry} board={board.data!} me={me.data} onChanged={board.reload} />}
          />
        ) : (
          <>
            <BoardHeader villageName={villageName} date={date} />
            <View className='board-empty'>
              <Text className='board-empty__text'>当日公告尚未发布</Text>
            </View>
          </>
        )}
      </StateView>
    </View>
  )
}

export default withElderMode(DayPage)
