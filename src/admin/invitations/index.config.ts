export default definePageConfig({
  navigationBarTitleText: '邀请干部',
  // The invitation can be shared to a WeChat chat (useShareAppMessage + the 发给微信好友 button).
  enableShareAppMessage: true,
})
