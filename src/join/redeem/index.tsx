import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import type { Me } from '../../../types/village'
import { ROLE_NAMES } from '../../../types/roles'
import { useAction } from '../../hooks/useAction'
import { grantLabel } from '../../lib/grants'
import { callApi } from '../../services/api'
import './index.css'
import { withElderMode } from '../../components/ElderMode'

/** The code a scan or a link brought: `scene` from an unlimited mini-program code, `code` from a link or the local QR. */
function codeFromLaunch(params: Record<string, string | undefined>): string {
  const raw = params.scene ?? params.code ?? ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** 输入邀请码: the invited person gives the code and their real name, and holds the role from then on. */
function RedeemPage() {
  const router = useRouter()
  const [code, setCode] = useState(() => codeFromLaunch(router.params))
  const [name, setName] = useState('')
  const [done, setDone] = useState<Me | null>(null)
  const redeem = useAction(() => callApi('invite.redeem', { code, name }))

  const submit = async () => {
    const me = await redeem.execute()
    if (me) setDone(me)
  }

  if (done) {
    return (
      <View className='redeem-page'>
        <View className='card redeem-done'>
          <Text className='card__title'>欢迎，{done.name}</Text>
          <Text className='redeem-done__text'>你现在的角色：{done.grants.filter((g) => g.role !== 'villager').map(grantLabel).join('、') || ROLE_NAMES.visitor}</Text>
          <Button className='btn btn--primary redeem-done__back' onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
            回到我的
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='redeem-page'>
      <View className='card redeem-form'>
        <Text className='card__title'>输入邀请码</Text>
        <Text className='muted'>邀请码由镇管理员、镇领导或村党支部书记发给你，8 位，只能使用一次。</Text>
        <View className='redeem-field redeem-code'>
          <Text className='redeem-field__label'>邀请码</Text>
          <Input className='redeem-input' value={code} maxlength={12} placeholder='例如 K7M2QX9P' onInput={(e) => setCode(e.detail.value.toUpperCase())} />
        </View>
        <View className='redeem-field redeem-name'>
          <Text className='redeem-field__label'>真实姓名</Text>
          <Input className='redeem-input' value={name} maxlength={20} placeholder='2–20 个字，将显示给本镇管理人员' onInput={(e) => setName(e.detail.value)} />
        </View>
        {redeem.error && <Text className='error-text redeem-error'>{redeem.error}</Text>}
        <Button className='btn btn--primary redeem-submit' loading={redeem.pending} disabled={redeem.pending} onClick={submit}>
          确认加入
        </Button>
        <Text className='muted redeem-privacy'>你的姓名和角色仅用于本镇“五星”支部工作，管理员可以看到你的用户编号。</Text>
      </View>
    </View>
  )
}

export default withElderMode(RedeemPage)
