export default definePageConfig({ navigationBarTitleText: '新建观摩' })
