import Taro from '@tarojs/taro'

// The tab pages (app.config.ts tabBar): WeChat opens them only with switchTab, which drops the query.
const TAB_PAGES = ['/pages/board/index', '/pages/history/index', '/pages/me/index']

/** Opens an in-app page given as `/path?query` (a message's page), whichever way WeChat requires. */
export function openPage(url: string): void {
  const path = url.split('?')[0]
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}
