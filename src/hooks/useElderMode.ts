import { useState } from 'react'
import { storage } from '../services/storage'

const ROOT_CLASS = 'elder-mode'

/**
 * Puts the root class on (or off). Every size in every stylesheet scales with the variables that
 * class sets (config/postcss-elder.js), so no page needs rules of its own. In the browser the root
 * is <html>. (In the mini-program a page's root is WeChat's `page`, which a running app cannot
 * restyle without a <page-meta> in each page: not done yet.)
 */
export function applyElderMode(on: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    document.documentElement.classList.toggle(ROOT_CLASS, on)
  }
}

/** At start-up: what this device chose last time. */
export const restoreElderMode = () => applyElderMode(storage.getElderMode())

/** 长辈模式: on or off, remembered on this device. */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(storage.getElderMode)
  const set = (next: boolean) => {
    storage.setElderMode(next)
    applyElderMode(next)
    setOn(next)
  }
  return [on, set]
}
