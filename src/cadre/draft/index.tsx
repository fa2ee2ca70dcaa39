import { useRouter } from '@tarojs/taro'
import { CadreGate } from '../components/CadreGate'
import { DraftForm } from './DraftForm'
import './index.css'
import { withElderMode } from '../../components/ElderMode'

/** 起草公告 (cadres). `?date=YYYY-MM-DD` presets the board day, e.g. from a link or a test. */
function DraftPage() {
  const { params } = useRouter()
  return <CadreGate>{({ villageId }) => <DraftForm villageId={villageId} initialDate={params.date} />}</CadreGate>
}

export default withElderMode(DraftPage)
