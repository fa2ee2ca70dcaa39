export default definePageConfig({ navigationBarTitleText: '季度观摩' })
