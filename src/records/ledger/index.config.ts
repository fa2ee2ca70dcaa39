export default definePageConfig({ navigationBarTitleText: '村级台账' })
