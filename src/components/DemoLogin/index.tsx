// Browser demo only. Imported solely behind `process.env.TARO_ENV === 'h5'`, so neither this code nor
// its strings reach the weapp bundle (scripts/check-weapp.ts fails the build if they do).
import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { z } from 'zod'
import { useAsync } from '../../hooks/useAsync'
import { openEnvelope } from '../../services/envelope'
import { storage } from '../../services/storage'
import { fetchJson } from '../../services/transport/http'
import './index.css'

const ZDemoPeople = z.array(z.object({ openid: z.string(), name: z.string(), label: z.string() }))

async function loadDemoPeople() {
  return openEnvelope(await fetchJson('/local/demo-people', { method: 'GET' }), ZDemoPeople, 'demo-people')
}

/** 演示登录: pick which seeded person the local server should treat you as. */
export default function DemoLogin({ onChanged }: { onChanged: () => void }) {
  const people = useAsync(loadDemoPeople, [])
  const [current, setCurrent] = useState(() => storage.getDemoOpenid())

  const signIn = (openid: string | null) => {
    storage.setDemoOpenid(openid)
    setCurrent(openid)
    onChanged()
  }

  return (
    <View className='card demo-login'>
      <Text className='card__title'>演示登录</Text>
      <Text className='muted'>本地演示专用：选择一位演示人员的身份使用系统。</Text>
      {people.error && (
        <View>
          <Text className='error-text'>{people.error}</Text>
          <Button className='btn btn--ghost' size='mini' onClick={people.reload}>
            重试
          </Button>
        </View>
      )}
      {people.loading && !people.data && <Text className='muted'>加载中…</Text>}
      {people.data?.map((p) => (
        <View key={p.openid} className={`demo-person${p.openid === current ? ' demo-person--current' : ''}`} data-openid={p.openid}>
          <View className='demo-person__who'>
            <Text className='demo-person__label'>{p.label}</Text>
            <Text className='demo-person__name'>{p.name}</Text>
          </View>
          {p.openid === current ? (
            <Text className='demo-person__current'>当前身份</Text>
          ) : (
            <Button className='btn btn--ghost demo-person__login' size='mini' onClick={() => signIn(p.openid)}>
              登录
            </Button>
          )}
        </View>
      ))}
      {current && (
        <Button className='btn btn--plain demo-logout' onClick={() => signIn(null)}>
          退出登录
        </Button>
      )}
    </View>
  )
}
