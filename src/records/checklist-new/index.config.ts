export default definePageConfig({ navigationBarTitleText: '新增清单事项' })
