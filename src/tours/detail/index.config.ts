export default definePageConfig({ navigationBarTitleText: '观摩详情' })
