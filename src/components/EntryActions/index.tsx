import Taro from '@tarojs/taro'
import { Button, Text } from '@tarojs/components'
import type { Board, BoardEntry } from '../../../types/board'
import type { Me } from '../../../types/village'
import { isCadreOf } from '../../lib/grants'
import { callApi } from '../../services/api'
import { decisionRequestId } from '../../lib/request-id'
import { errorMessage } from '../../services/errors'
import './index.css'

type Props = { entry: BoardEntry; board: Board; me: Me | undefined; onChanged: () => void }

async function markRectified(noticeId: string, onChanged: () => void) {
  try {
    await callApi('notice.markRectified', { noticeId, requestId: decisionRequestId(noticeId, 'rectified') })
    void Taro.showToast({ title: '已标记整改', icon: 'success' })
    onChanged()
  } catch (e) {
    void Taro.showToast({ title: errorMessage(e), icon: 'none' })
  }
}

/** Controls under a criticism: 申诉 for villagers bound to the village, 标记已整改 for its cadres. */
export function EntryActions({ entry, board, me, onChanged }: Props) {
  if (entry.kind !== 'criticism') return null
  const canObject = !!me && me.villageId === board.villageId
  const canRectify = !entry.rectified && isCadreOf(me, board.villageId)
  if (!canObject && !canRectify) return null
  return (
    <>
      {canRectify && (
        <Button className='btn btn--ghost entry-rectify' size='mini' onClick={() => markRectified(entry.noticeId, onChanged)}>
          标记已整改
        </Button>
      )}
      {canObject && (
        <Text
          className='entry-object-link'
          onClick={() => Taro.navigateTo({ url: `/pages/objection/index?noticeId=${entry.noticeId}` })}
        >
          申诉
        </Text>
      )}
    </>
  )
}
