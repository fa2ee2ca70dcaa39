import type { CellState } from '../../types/dashboard'
import { todayInChina } from '../lib/day'

/** Each grid state has a colour AND a symbol, so it reads at a glance and without colour too. */
export const CELL_LOOK: Record<CellState, { symbol: string; color: string; text: string }> = {
  approved: { symbol: '★', color: '#e0a800', text: '已授星' },
  revoked: { symbol: '✕', color: '#757575', text: '已摘星' },
  recommended: { symbol: '◎', color: '#4caf50', text: '已推荐' },
  reviewing: { symbol: '…', color: '#1e88e5', text: '审核中' },
  returned: { symbol: '↩', color: '#f4511e', text: '已退回' },
  none: { symbol: '—', color: '#bdbdbd', text: '未申报' },
}

export const currentYear = () => Number(todayInChina().slice(0, 4))

export const ACTION_NAMES: Record<string, string> = {
  'application.create': '创建申报',
  'application.update': '修改申报',
  'application.submit': '书记提交',
  'application.return': '专班退回',
  'application.recommend': '专班推荐',
  'application.approve': '镇领导审定通过',
  'application.reject': '镇领导审定不通过',
  'application.revoke': '摘星',
}
