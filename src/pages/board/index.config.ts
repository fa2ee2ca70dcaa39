export default definePageConfig({
  navigationBarTitleText: '今日公告',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
})
