import type { Board } from '../../types/board'
import { callApi } from '../services/api'
import { useAsync, type AsyncState } from './useAsync'

/** A village's board for a day (today in China when `date` is absent); `null` data means not published yet. */
export function useBoard(villageId: string | null, date?: string): AsyncState<Board | null> {
  return useAsync(
    () => (villageId ? callApi('board.get', date ? { villageId, date } : { villageId }) : Promise.resolve(null)),
    [villageId, date],
  )
}
