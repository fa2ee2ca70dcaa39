import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Me, Village } from '../../../types/village'
import { StateView } from '../../components/StateView'
import { useAsync } from '../../hooks/useAsync'
import { useMe } from '../../hooks/useMe'
import { managementEntries } from '../../lib/grants'
import { callApi } from '../../services/api'
import './shared.css'

type Entry = keyof ReturnType<typeof managementEntries>

/** Shows a management page to those whose roles open it (the server checks every call again). */
export function AdminGate({ entry, children }: { entry: Entry; children: (me: Me) => ReactNode }) {
  const me = useMe()
  return (
    <StateView ready={!!me.data} loading={me.loading} error={me.error} onRetry={me.reload}>
      {me.data &&
        (managementEntries(me.data)[entry] ? (
          children(me.data)
        ) : (
          <View className='admin-refused'>
            <Text className='admin-refused__text'>没有权限</Text>
            <Text className='muted'>此页面仅供镇管理员、镇领导和村党支部书记使用。</Text>
          </View>
        ))}
    </StateView>
  )
}

/** Every listed village of a township, in order (a township has a few dozen). */
export async function loadVillages(townshipId: string): Promise<Village[]> {
  const all: Village[] = []
  let cursor: string | undefined
  do {
    const page = await callApi('village.list', { townshipId, limit: 50, ...(cursor ? { cursor } : {}) })
    all.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return all
}

export function useVillages(townshipId: string) {
  return useAsync(() => loadVillages(townshipId), [townshipId])
}

/** A row of choices as tappable chips. */
export function Chips<T extends string | number>({
  options, value, onChange, className,
}: { options: Array<{ value: T; label: string }>; value: T | null; onChange: (v: T) => void; className: string }) {
  return (
    <View className='chips'>
      {options.map((o) => (
        <Text
          key={String(o.value)}
          className={`chip ${className} ${className}--${o.value}${o.value === value ? ' chip--active' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  )
}
