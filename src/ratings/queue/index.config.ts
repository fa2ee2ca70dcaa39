export default definePageConfig({ navigationBarTitleText: '申报办理' })
