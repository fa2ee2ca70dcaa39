import type { ComponentType } from 'react'
import { View } from '@tarojs/components'
import { ELDER_CLASS, useElderModeOn } from '../../hooks/useElderMode'

/**
 * A page whose root carries the 长辈模式 class when it is on: every size inside scales with the
 * class's variables (config/postcss-elder.js), in the mini-program as in the browser.
 */
export function withElderMode<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  function ElderModePage(props: P) {
    const on = useElderModeOn()
    return (
      <View className={on ? `elder-root ${ELDER_CLASS}` : 'elder-root'}>
        <Page {...props} />
      </View>
    )
  }
  ElderModePage.displayName = `withElderMode(${Page.displayName ?? Page.name})`
  return ElderModePage
}
