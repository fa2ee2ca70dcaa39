export default definePageConfig({ navigationBarTitleText: '登记台账' })
