export default definePageConfig({
  navigationBarTitleText: '往期公告',
  enablePullDownRefresh: true,
})
