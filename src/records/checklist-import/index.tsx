import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/ActionButton'
import { useMe } from '../../hooks/useMe'
import { pickCadreVillage } from '../../lib/grants'
import { useRequestId } from '../../lib/request-id'
import { callApi } from '../../services/api'
import { ApiCallError, errorMessage, type FieldIssue } from '../../services/errors'
import { openExport } from '../lib/download'
import { MAX_IMPORT_BYTES, pickXlsx, type PickedFile } from '../lib/pick-file'
import '../records.css'
import { withElderMode } from '../../components/ElderMode'

type Outcome = { created: number } | { refused: FieldIssue[]; message: string }

/**
 * 导入提升清单 (`?villageId=`): download the template, choose a filled .xlsx, import it. The server
 * checks every row and writes all or nothing; refused rows are listed here with their row number.
 */
function ChecklistImportPage() {
  const { params } = useRouter()
  const me = useMe()
  const villageId = params.villageId || pickCadreVillage(me.data, null) || ''
  const [file, setFile] = useState<PickedFile | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  // One id per chosen file: re-sending the same file after a lost answer imports it once.
  const requestId = useRequestId()

  const template = async () => {
    try {
      const out = await callApi('export.checklist', { villageId, template: true })
      await openExport(out.url, out.fileName)
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' })
    }
  }

  const choose = async () => {
    setFileError(null)
    try {
      const picked = await pickXlsx()
      if (!picked) return
      if (!/\.xlsx$/i.test(picked.name)) return setFileError('请选择 .xlsx 格式的表格文件')
      if (picked.size > MAX_IMPORT_BYTES) return setFileError('文件不能超过 1 MB')
      setFile(picked)
      setOutcome(null)
      requestId.renew()
    } catch (e) {
      setFileError(e instanceof Error ? e.message : '读取文件失败，请重新选择')
    }
  }

  const send = async () => {
    if (!file || sending) return
    setSending(true)
    setOutcome(null)
    try {
      const res = await callApi('checklist.import', { villageId, fileBase64: file.base64, requestId: requestId.current })
      setOutcome({ created: res.created })
      setFile(null)
      requestId.renew()
      void Taro.showToast({ title: `已导入 ${res.created} 条`, icon: 'success' })
      setTimeout(() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/records/checklist/index?villageId=${villageId}` })), 1500)
    } catch (e) {
      const rows = e instanceof ApiCallError ? e.issues.filter((i) => i.path.startsWith('第')) : []
      setOutcome({ refused: rows, message: rows.length ? `有 ${rows.length} 行未通过检查，整个文件未导入。请修改后重新选择文件。` : errorMessage(e) })
    } finally {
      setSending(false)
    }
  }

  if (me.data && !villageId) return <View className='records-page'><Text className='muted'>您不是村干部，不能导入清单</Text></View>

  return (
    <View className='records-page cl-import'>
      <View className='card'>
        <Text className='records-field__label' style={{ display: 'block' }}>第 1 步：下载模板，按列填写“星级（可留空表示全村）、清单内容、责任人姓名、完成时限 YYYY-MM”，第 2 行起每行一条。</Text>
        <Button className='btn btn--ghost cl-template' size='mini' onClick={template}>下载模板</Button>
      </View>
      <View className='card'>
        <Text className='records-field__label' style={{ display: 'block' }}>第 2 步：选择填好的表格（.xlsx，不超过 1 MB）</Text>
        <Button className='btn btn--ghost cl-choose' onClick={choose}>{file ? '重新选择文件' : '选择文件'}</Button>
        {file && <Text className='muted cl-file'>已选择：{file.name}（{Math.ceil(file.size / 1024)} KB）</Text>}
        {fileError && <Text className='error-text cl-file-error'>{fileError}</Text>}
      </View>
      <ActionButton className='btn btn--primary cl-import-submit' loading={sending} disabled={!file || sending} onClick={send}>
        开始导入
      </ActionButton>
      {outcome && 'created' in outcome && (
        <View className='card cl-result cl-result--ok'>
          <Text className='records-row__title'>导入成功：已导入 {outcome.created} 条</Text>
        </View>
      )}
      {outcome && 'refused' in outcome && (
        <View className='card cl-result cl-result--refused'>
          <Text className='error-text'>{outcome.message}</Text>
          {outcome.refused.map((r) => (
            <View key={r.path} className='records-row cl-refused-row'>
              <Text className='records-chip records-chip--overdue'>{r.path}</Text>
              <Text className='records-row__main' style={{ marginLeft: '12px' }}>{r.message}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

export default withElderMode(ChecklistImportPage)
