export default definePageConfig({ navigationBarTitleText: '导入提升清单' })
