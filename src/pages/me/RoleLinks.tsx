import { Text, View } from '@tarojs/components'
import { LinkCard } from './LinkCard'
import type { Me } from '../../../types/village'
import { managementEntries } from '../../lib/grants'
import { openPrivacyGuide } from '../../lib/privacy'

type Link = { url: string; text: string; className: string; show: boolean }

/** 输入邀请码 for everyone signed in; the management pages my roles open. */
export function RoleLinks({ me }: { me: Me }) {
  const entries = managementEntries(me)
  const links: Link[] = [
    { url: '/join/redeem/index', text: '输入邀请码', className: 'me-link--redeem', show: me.signedIn },
    { url: '/cadre/review/index', text: '审核各村公告', className: 'me-link--leader-review', show: me.grants.some((g) => g.role === 'leader') },
    { url: '/admin/invitations/index', text: '邀请干部', className: 'me-link--invitations', show: entries.invitations },
    { url: '/admin/people/index', text: '人员与角色', className: 'me-link--people', show: entries.people },
    { url: '/admin/villages/index', text: me.deploymentAdmin ? '乡镇与村庄' : '村庄管理', className: 'me-link--villages', show: entries.villages },
  ]
  const shown = links.filter((l) => l.show)
  return (
    <LinkCard title='角色与邀请' links={shown}>
      {process.env.TARO_ENV === 'weapp' && (
        <View className='link-row me-link me-link--privacy' onClick={openPrivacyGuide}>
          <Text>用户隐私保护指引</Text>
          <Text className='link-row__arrow'>›</Text>
        </View>
      )}
    </LinkCard>
  )
}
