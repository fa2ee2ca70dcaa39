// Taro.Config (not AppConfig) is the type that knows WeChat's `cloud` switch.
const config: Taro.Config = {
  pages: ['pages/board/index', 'pages/history/index', 'pages/me/index', 'pages/day/index', 'pages/villages/index', 'pages/objection/index'],
  subPackages: [
    {
      // Cadre-only pages stay out of the main package that every villager downloads.
      root: 'cadre',
      pages: ['draft/index', 'review/index', 'objections/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '五星支部',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/board/index', text: '今日公告' },
      { pagePath: 'pages/history/index', text: '往期' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  cloud: true,
}

export default defineAppConfig(config)
