import { LinkCard } from './LinkCard'
import type { Me } from '../../../types/village'
import { cadreVillageIds } from '../../lib/grants'

/** Ways into the ratings subpackage, by role (the server checks every call again). */
export function RatingLinks({ me }: { me: Me }) {
  const roles = new Set(me.grants.map((g) => g.role))
  const links = [
    ...(cadreVillageIds(me).length > 0 ? [{ url: '/ratings/apply/index', text: '创星申报', className: 'me-link--apply' }] : []),
    ...(roles.has('taskforce') || roles.has('leader') ? [{ url: '/ratings/queue/index', text: '申报办理', className: 'me-link--queue' }] : []),
    ...(roles.has('taskforce') || roles.has('leader') || roles.has('admin') ? [{ url: '/ratings/dashboard/index', text: '督导看板', className: 'me-link--dashboard' }] : []),
    // 季度观摩: leaders run it, village secretaries score; task forces and admins read it.
    ...(roles.has('leader') || roles.has('secretary') || roles.has('taskforce') || roles.has('admin') ? [{ url: '/tours/list/index', text: '季度观摩', className: 'me-link--tours' }] : []),
    // Leaders confirm a village's awards when its secretary nominated them (four eyes); cadres go in from 村务工作.
    ...(roles.has('leader') ? [{ url: '/awards/index/index', text: '评选确认', className: 'me-link--awards' }] : []),
  ]
  if (links.length === 0) return null
  return <LinkCard title='五星创建' links={links} />
}
