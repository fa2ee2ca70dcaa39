export default definePageConfig({ navigationBarTitleText: '台账核实' })
