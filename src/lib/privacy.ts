import Taro from '@tarojs/taro'

/**
 * In WeChat, before an API the privacy guide covers (choosing photos, the clipboard…): if the user
 * has not yet agreed to the mini-program's 用户隐私保护指引, ask — requirePrivacyAuthorize shows
 * WeChat's privacy popup (no custom onNeedPrivacyAuthorization listener is registered) — and
 * resolve whether they agreed. Elsewhere (H5) nothing to ask.
 */
export function ensurePrivacyAuthorized(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.getPrivacySetting !== 'function') return Promise.resolve(true)
  return new Promise((resolve) => {
    Taro.getPrivacySetting({
      success: (setting) => {
        if (!setting.needAuthorization) return resolve(true)
        Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
      },
      // An old base library without the privacy APIs: nothing to ask.
      fail: () => resolve(true),
    })
  })
}

/** Runs `work` once the user agreed; otherwise says why nothing happened. */
export async function withPrivacy(work: () => unknown, refusedText = '需要同意《用户隐私保护指引》后才能使用此功能'): Promise<void> {
  if (await ensurePrivacyAuthorized()) {
    await work()
    return
  }
  void Taro.showToast({ title: refusedText, icon: 'none' })
}

/** Opens the privacy guide configured in the mini-program console (WeChat only). */
export function openPrivacyGuide(): void {
  if (process.env.TARO_ENV === 'weapp') Taro.openPrivacyContract({})
}
