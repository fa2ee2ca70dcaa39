import Taro from '@tarojs/taro'

export type PickedFile = { name: string; base64: string; size: number }

/** The largest sheet checklist.import accepts (types/checklist.ts ZChecklistImport: ≤ 1 MB). */
export const MAX_IMPORT_BYTES = 1_000_000

/** Browser build: a hidden <input type=file>, read with FileReader; null when nothing was chosen. */
function pickInBrowser(accept: string): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.className = 'pick-file-input'
    input.style.display = 'none'
    input.onchange = () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      const reader = new FileReader()
      reader.onload = () => {
        const url = String(reader.result)
        resolve({ name: file.name, size: file.size, base64: url.slice(url.indexOf(',') + 1) })
      }
      reader.onerror = () => reject(new Error('读取文件失败，请重新选择'))
      reader.readAsDataURL(file)
    }
    document.body.appendChild(input)
    input.click()
  })
}

/** WeChat: a file from a chat (chooseMessageFile), read from its temp path as base64. */
async function pickInWeapp(extension: string): Promise<PickedFile | null> {
  let picked: Taro.chooseMessageFile.ChooseFile
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [extension] })
    picked = res.tempFiles[0]
  } catch {
    return null // the picker was closed
  }
  if (!picked) return null
  const base64 = Taro.getFileSystemManager().readFileSync(picked.path, 'base64') as string
  return { name: picked.name, size: picked.size, base64 }
}

/** Lets the user choose one .xlsx file; resolves null when the picker is closed without a choice. */
export function pickXlsx(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') return pickInBrowser('.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  return pickInWeapp('xlsx')
}
