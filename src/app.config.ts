// WeChat's app.json `cloud` switch is not in Taro's AppConfig type; Taro.Config declares it.
const config: Taro.AppConfig & Pick<Taro.Config, 'cloud'> = {
  pages: ['pages/board/index', 'pages/history/index', 'pages/me/index', 'pages/day/index', 'pages/villages/index', 'pages/objection/index'],
  subPackages: [
    {
      // Cadre-only pages stay out of the main package that every villager downloads.
      root: 'cadre',
      pages: ['draft/index', 'review/index', 'objections/index'],
    },
    // 消息: opened from 我的 or a WeChat message; kept out of the main package.
    { root: 'inbox', pages: ['index'] },
    {
      // Township management (invitations, people and roles, villages): admins, leaders, secretaries.
      root: 'admin',
      pages: ['invitations/index', 'people/index', 'villages/index'],
    },
    {
      // 输入邀请码: opened from 我的 or by scanning an invitation's code (scene = the code).
      root: 'join',
      pages: ['redeem/index'],
    },
    {
      // Ledgers, compliance, the improvement checklist and the task force's review queue.
      root: 'records',
      pages: ['ledger/index', 'entry/index', 'review/index', 'checklist/index', 'checklist-new/index', 'checklist-import/index'],
    },
    {
      // Star applications and the township dashboard (创星申报、督导看板).
      root: 'ratings',
      pages: ['apply/index', 'detail/index', 'queue/index', 'dashboard/index'],
    },
    {
      // 季度观摩: tours, scoring at each stop, ranking and 差距清单 (leaders and village secretaries).
      root: 'tours',
      pages: ['list/index', 'new/index', 'detail/index', 'score/index'],
    },
    {
      // 评选表彰: 每周之星, 优秀小组 and 五好家庭 (nominate, confirm, the year's list).
      root: 'awards',
      pages: ['index/index'],
    },
    // 每周专题会: a 专班's weekly report (task forces, leaders, admins).
    { root: 'weekly', pages: ['report/index'] },
    // 联系村: contact leaders, sponsoring units and first secretaries of the villages.
    { root: 'contacts', pages: ['list/index'] },
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
      { pagePath: 'pages/board/index', text: '今日公告', iconPath: 'assets/tab/board.png', selectedIconPath: 'assets/tab/board-active.png' },
      { pagePath: 'pages/history/index', text: '往期', iconPath: 'assets/tab/history.png', selectedIconPath: 'assets/tab/history-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  // Inject only the components a page uses, when it is opened (DevTools' 代码质量 asks for it).
  lazyCodeLoading: 'requiredComponents',
  cloud: true,
}

export default defineAppConfig(config)
