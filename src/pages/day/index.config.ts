export default definePageConfig({
  navigationBarTitleText: '表扬曝光台',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
})
