export default definePageConfig({
  navigationBarTitleText: '邀请干部',
})
