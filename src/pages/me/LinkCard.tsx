import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'

export interface MeLink {
  url: string
  text: string
  /** `me-link--<name>`: what tests and styles find the row by. */
  className: string
}

/** One card of 我的: a title and a row per way in (each role's card decides which rows it shows). */
export function LinkCard({ title, links, children }: { title: string; links: readonly MeLink[]; children?: ReactNode }) {
  return (
    <View className='card'>
      <Text className='card__title'>{title}</Text>
      {links.map((l) => (
        <View key={l.url} className={`link-row me-link ${l.className}`} onClick={() => Taro.navigateTo({ url: l.url })}>
          <Text>{l.text}</Text>
          <Text className='link-row__arrow'>›</Text>
        </View>
      ))}
      {children}
    </View>
  )
}
