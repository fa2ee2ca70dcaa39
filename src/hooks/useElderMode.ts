import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { storage } from '../services/storage'

/** The class that sets the --elder-* variables every stylesheet's sizes scale with (src/app.css). */
export const ELDER_CLASS = 'elder-mode'
const CHANGED = 'elder-mode:changed'

/**
 * In the browser the class also goes on <html>, so what lives outside a page (toasts, modals)
 * grows too. In the mini-program a running app cannot restyle WeChat's `page` element, so each
 * page's own root carries the class instead (withElderMode): CSS variables inherit from any ancestor.
 */
export function applyElderMode(on: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    document.documentElement.classList.toggle(ELDER_CLASS, on)
  }
}

/** At start-up: what this device chose last time. */
export const restoreElderMode = () => applyElderMode(storage.getElderMode())

/** Whether 长辈模式 is on, kept current when it is switched on another page or this one is shown again. */
export function useElderModeOn(): boolean {
  const [on, setOn] = useState(storage.getElderMode)
  useDidShow(() => setOn(storage.getElderMode()))
  useEffect(() => {
    const listener = (next: boolean) => setOn(next)
    Taro.eventCenter.on(CHANGED, listener)
    return () => {
      Taro.eventCenter.off(CHANGED, listener)
    }
  }, [])
  return on
}

/** 长辈模式: on or off, remembered on this device. */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const on = useElderModeOn()
  const set = (next: boolean) => {
    storage.setElderMode(next)
    applyElderMode(next)
    Taro.eventCenter.trigger(CHANGED, next)
  }
  return [on, set]
}
