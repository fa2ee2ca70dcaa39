import Taro from '@tarojs/taro'

/** The village whose board the tab page opens on; chosen on the switcher, kept on this device. */
export type ChosenVillage = { id: string; name: string }

/** Every key this app keeps in device storage, with the type of its value. */
/** A ledger form in progress (台账登记): kept on the device until sent, across lost signal and app restarts. */
export type LedgerDraft = {
  villageId: string
  /** Set when fixing a returned entry. */
  entryId: string | null
  activityType: string
  otherName: string
  date: string
  count: string
  summary: string
  /** Photos already uploaded (file ids). */
  photos: string[]
  /** Photos chosen but not yet uploaded (local temp paths; retried on the next send). */
  pendingPaths: string[]
  /** Kept across retries of one submission, so a retry lands once. */
  requestId: string
  /** 主题党日 / 组织生活会: the village's contact leader attended (absent on drafts kept before 联系村). */
  leaderAttended?: boolean
}

type StorageSchema = {
  ledgerDraft: LedgerDraft
  chosenVillage: ChosenVillage
  /** Browser demo only: the openid of the demo person signed in. */
  demoOpenid: string
  /** 长辈模式 (large text) is on for this device. */
  elderMode: boolean
}
type StorageKey = keyof StorageSchema

const PREFIX = 'fsb:'

function read<K extends StorageKey>(key: K): StorageSchema[K] | null {
  try {
    const value: unknown = Taro.getStorageSync(PREFIX + key)
    return value === '' || value === undefined || value === null ? null : (value as StorageSchema[K])
  } catch {
    return null
  }
}

function write<K extends StorageKey>(key: K, value: StorageSchema[K] | null): void {
  if (value === null) Taro.removeStorageSync(PREFIX + key)
  else Taro.setStorageSync(PREFIX + key, value)
}

export const storage = {
  getChosenVillage: (): ChosenVillage | null => {
    const v = read('chosenVillage')
    return v && typeof v.id === 'string' && typeof v.name === 'string' ? v : null
  },
  setChosenVillage: (village: ChosenVillage | null) => write('chosenVillage', village),
  getDemoOpenid: (): string | null => {
    const v = read('demoOpenid')
    return typeof v === 'string' && v ? v : null
  },
  setDemoOpenid: (openid: string | null) => write('demoOpenid', openid),
  getElderMode: (): boolean => read('elderMode') === true,
  setElderMode: (on: boolean) => write('elderMode', on ? true : null),
  getLedgerDraft: (): LedgerDraft | null => {
    const v = read('ledgerDraft')
    return v && typeof v.villageId === 'string' && Array.isArray(v.photos) && Array.isArray(v.pendingPaths) ? v : null
  },
  setLedgerDraft: (draft: LedgerDraft | null) => write('ledgerDraft', draft),
}
