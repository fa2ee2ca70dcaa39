import { useCallback, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { storage, type ChosenVillage } from '../services/storage'

/** The village chosen on this device; re-read on show, since the switcher page changes it. */
export function useChosenVillage(): [ChosenVillage | null, (v: ChosenVillage | null) => void] {
  const [chosen, setChosenState] = useState<ChosenVillage | null>(() => storage.getChosenVillage())
  useDidShow(() => setChosenState(storage.getChosenVillage()))
  const setChosen = useCallback((v: ChosenVillage | null) => {
    storage.setChosenVillage(v)
    setChosenState(v)
  }, [])
  return [chosen, setChosen]
}
