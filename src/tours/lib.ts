import Taro from '@tarojs/taro'
import type { ActionOutput } from '../../types/api'
import { todayInChina } from '../lib/day'

export type TourView = ActionOutput<'tour.get'>
export type TourStopView = TourView['stops'][number]

/** This quarter, `YYYY-Qn`, in China time. */
export function currentQuarter(): string {
  const today = todayInChina()
  return `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`
}

/** Opens an exported .xlsx: a new tab in the browser, WeChat's document viewer in the mini-program. */
export async function openExport(url: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') window.open(url, '_blank')
  else await Taro.downloadFile({ url }).then((r) => Taro.openDocument({ filePath: r.tempFilePath, showMenu: true }))
}

export const STATUS_NAMES = { open: '评分中', closed: '已结束' } as const
