export default definePageConfig({
  navigationBarTitleText: '起草表扬/曝光',
})
