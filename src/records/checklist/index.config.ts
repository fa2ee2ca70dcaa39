export default definePageConfig({ navigationBarTitleText: '提升清单' })
