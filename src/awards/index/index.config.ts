export default definePageConfig({ navigationBarTitleText: '评选表彰' })
