import { LinkCard } from './LinkCard'

const LINKS = [
  { url: '/cadre/draft/index', text: '起草表扬/曝光', className: 'me-link--draft' },
  { url: '/cadre/review/index', text: '审核公告', className: 'me-link--review' },
  { url: '/cadre/objections/index', text: '申诉处理', className: 'me-link--objections' },
  { url: '/awards/index/index', text: '每周评选 · 五好家庭', className: 'me-link--awards' },
]

/** Ways into the cadre subpackage. */
export function CadreLinks() {
  return <LinkCard title='村务工作' links={LINKS} />
}
