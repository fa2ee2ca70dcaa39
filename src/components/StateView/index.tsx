import type { ReactNode } from 'react'
import { Button, Text, View } from '@tarojs/components'
import './index.css'

type Props = {
  /** True once there is something to show; a reload in the background keeps showing it. */
  ready: boolean
  loading: boolean
  error: string | null
  onRetry?: () => void
  /** True when the loaded result has nothing in it. */
  empty?: boolean
  emptyText?: string
  /** Shown under the empty text, e.g. a button that leads somewhere useful. */
  emptyAction?: ReactNode
  children?: ReactNode
}

/** The loading / error-with-retry / empty / content switch every network page shares. */
export function StateView({ ready, loading, error, onRetry, empty, emptyText, emptyAction, children }: Props) {
  if (error) {
    return (
      <View className='state state--error'>
        <Text className='state__text'>{error}</Text>
        {onRetry && (
          <Button className='btn btn--ghost state__retry' size='mini' onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    )
  }
  if (loading && !ready) {
    return (
      <View className='state state--loading'>
        <Text className='state__text'>加载中…</Text>
      </View>
    )
  }
  if (empty) {
    return (
      <View className='state state--empty'>
        <Text className='state__text'>{emptyText ?? '暂无内容'}</Text>
        {emptyAction}
      </View>
    )
  }
  return <>{children}</>
}
