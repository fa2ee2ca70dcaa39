import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { Me } from '../../types/village'
import { callApi } from '../services/api'
import { useAsync, type AsyncState } from './useAsync'

/** Who the server says I am; asked again each time the page shows, since a sign-in elsewhere changes it. */
export function useMe(): AsyncState<Me> {
  const state = useAsync(() => callApi('me.get', {}), [])
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current) void state.reload()
    shownBefore.current = true
  })
  return state
}
