import { LinkCard } from './LinkCard'

const LINKS = [
  { url: '/records/ledger/index', text: '村级台账', className: 'me-link--ledger' },
  { url: '/records/checklist/index', text: '提升清单', className: 'me-link--checklist' },
  { url: '/records/review/index', text: '台账核实（工作专班）', className: 'me-link--ledger-review' },
]

/** Ways into the records subpackage (台账, 提升清单, 专班核实). */
export function RecordsLinks({ taskforce }: { taskforce: boolean }) {
  return <LinkCard title='台账与清单' links={LINKS.filter((l) => taskforce || l.className !== 'me-link--ledger-review')} />
}
