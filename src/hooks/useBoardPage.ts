import { useEffect } from 'react'
import Taro, { usePullDownRefresh, useShareAppMessage } from '@tarojs/taro'
import { todayInChina } from '../lib/day'
import { useBoard } from './useBoard'

type Target = {
  villageId: string | null
  /** Name to show before (or without) a published board. */
  villageName: string
  /** Absent on the tab page: the server picks today in China. */
  date?: string
  /** Also refreshed on pull-down, e.g. who I am. */
  alsoRefresh?: () => Promise<void>
}

/** A board page's data plus its page behaviour: pull-to-refresh and sharing to a WeChat group. */
export function useBoardPage({ villageId, villageName, date, alsoRefresh }: Target) {
  const board = useBoard(villageId, date)

  usePullDownRefresh(() => {
    void Promise.all([board.reload(), alsoRefresh?.()]).finally(() => Taro.stopPullDownRefresh())
  })

  useEffect(() => {
    // withShareTicket lets the group the board is shared to be identified when someone opens it.
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true })
  }, [])

  useShareAppMessage(() => {
    const day = board.data?.date ?? date ?? todayInChina()
    const name = board.data?.villageName ?? villageName
    // A shared card opens that village's board for that day, not the reader's own village.
    return {
      title: `${name}表扬曝光台 · ${day}`,
      path: villageId ? `/pages/day/index?villageId=${villageId}&date=${day}` : '/pages/board/index',
    }
  })

  return board
}
