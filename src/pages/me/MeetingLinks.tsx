import { LinkCard } from './LinkCard'
import type { Me } from '../../../types/village'

/** Ways into 每周专题会 (task forces, leaders, admins) and 联系村 (anyone holding a role), by role; the server checks every call again. */
export function MeetingLinks({ me }: { me: Me }) {
  const roles = new Set(me.grants.map((g) => g.role))
  const links = [
    ...(roles.has('taskforce') || roles.has('leader') || roles.has('admin') ? [{ url: '/weekly/report/index', text: '专班周报（每周专题会）', className: 'me-link--weekly' }] : []),
    ...(me.grants.some((g) => g.role !== 'villager') ? [{ url: '/contacts/list/index', text: roles.has('leader') ? '联系村（我的联系村）' : '联系村', className: 'me-link--contacts' }] : []),
  ]
  if (links.length === 0) return null
  return <LinkCard title='工作机制' links={links} />
}
