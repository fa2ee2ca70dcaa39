import type { CellValue, Workbook } from 'exceljs'
import type { LedgerEntry } from '../types/ledger'
import { LEDGER_STATUS_NAMES } from '../types/ledger'
import type { ChecklistItem } from '../types/checklist'
import { CHECKLIST_STATUS_NAMES } from '../types/checklist'
import { STAR_NAMES, STARS, type Star } from '../types/roles'
import { inChina } from '../core/time'

// The sheets a township office files and prints: a title row, a header row, one row per record,
// A4 landscape, header repeated on every printed page.

export const LEDGER_HEADER = ['序号', '村', '星级', '活动类型', '活动日期', '参加人数', '参加人员', '活动内容', '照片数', '状态', '核实意见', '登记人', '登记时间'] as const
export const CHECKLIST_HEADER = ['序号', '星级', '清单内容', '责任人', '完成时限', '状态', '是否逾期', '销号说明'] as const
/** The import template's columns (row 1 the header, data from row 2). */
export const IMPORT_HEADER = ['星级（留空为全村事项）', '清单内容', '责任人姓名', '完成时限（YYYY-MM）'] as const

type ExcelModule = typeof import('exceljs')
let excel: Promise<ExcelModule> | undefined

/**
 * A new workbook. exceljs is loaded at the first export or import: in the cloud it is a file of its
 * own beside the function (scripts/build-cloud.ts), about 1.1 MB a cold start need not compile.
 */
export async function newWorkbook(): Promise<Workbook> {
  // A CommonJS module imported from ES code arrives as its `default`; bundled or compiled, as itself.
  excel ??= import('exceljs').then((mod) => ('Workbook' in mod ? mod : (mod as unknown as { default: ExcelModule }).default))
  return new (await excel).Workbook()
}

const stamp = (iso: string | null) => (iso ? inChina(iso).format('YYYY-MM-DD HH:mm') : '')

function sheetFor(book: Workbook, name: string, title: string, header: readonly string[], widths: number[]) {
  const sheet = book.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' } })
  sheet.mergeCells(1, 1, 1, header.length)
  sheet.getCell(1, 1).value = title
  sheet.getCell(1, 1).font = { bold: true, size: 14 }
  sheet.getCell(1, 1).alignment = { horizontal: 'center' }
  sheet.addRow([...header]).font = { bold: true }
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w))
  return sheet
}

async function toBuffer(book: Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer())
}

export async function ledgerWorkbook(title: string, entries: LedgerEntry[], villageNames: Record<string, string>): Promise<Buffer> {
  const book = await newWorkbook()
  const sheet = sheetFor(book, '台账', title, LEDGER_HEADER, [6, 10, 12, 16, 12, 9, 20, 50, 7, 10, 20, 10, 17])
  entries.forEach((e, i) => {
    const row = sheet.addRow([
      i + 1, villageNames[e.villageId] ?? e.villageId, STAR_NAMES[e.star], e.otherName ? `其他：${e.otherName}` : e.activityType, e.date,
      e.participants.count, e.participants.names.join('、'), e.summary, e.photos.length, LEDGER_STATUS_NAMES[e.status],
      e.reviewComment ?? '', e.createdByName, stamp(e.createdAt),
    ])
    row.alignment = { wrapText: true, vertical: 'top' }
  })
  return toBuffer(book)
}

export async function checklistWorkbook(title: string, items: Array<ChecklistItem & { overdue: boolean }>): Promise<Buffer> {
  const book = await newWorkbook()
  const sheet = sheetFor(book, '提升清单', title, CHECKLIST_HEADER, [6, 12, 50, 10, 12, 10, 9, 30])
  items.forEach((item, i) => {
    const row = sheet.addRow([
      i + 1, item.star ? STAR_NAMES[item.star] : '全村', item.text, item.ownerName, item.dueMonth, CHECKLIST_STATUS_NAMES[item.status],
      item.overdue ? '是' : '否', item.evidence?.note ?? '',
    ])
    row.alignment = { wrapText: true, vertical: 'top' }
  })
  return toBuffer(book)
}

export async function importTemplate(): Promise<Buffer> {
  const book = await newWorkbook()
  const sheet = book.addWorksheet('提升清单')
  sheet.addRow([...IMPORT_HEADER]).font = { bold: true }
  sheet.addRow(['平安法治星', '每月开展一次防电诈教育并留存照片', '张建国', '2026-12'])
  sheet.addRow(['', '村内主干道路灯维修', '王志刚', '2027-01'])
  ;[22, 50, 14, 20].forEach((w, i) => (sheet.getColumn(i + 1).width = w))
  return toBuffer(book)
}

/** One data row of an import sheet, as typed: its sheet row number and four cells as text. */
export interface ImportRow {
  row: number
  star: string
  text: string
  owner: string
  due: string
}

const cellText = (value: CellValue): string => {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 7)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('text' in value) return String(value.text)
    if ('result' in value) return String(value.result ?? '')
    return ''
  }
  return String(value)
}

/** Reads an import sheet (the first worksheet, data from row 2); throws on a file that is not .xlsx. */
export async function readImportRows(data: Buffer): Promise<ImportRow[]> {
  const book = await newWorkbook()
  await book.xlsx.load(data as unknown as ArrayBuffer)
  const sheet = book.worksheets[0]
  if (!sheet) return []
  const rows: ImportRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return
    const cells = [1, 2, 3, 4].map((c) => cellText(row.getCell(c).value).trim())
    if (cells.every((c) => c === '')) return
    rows.push({ row: number, star: cells[0], text: cells[1], owner: cells[2], due: cells[3] })
  })
  return rows
}

/** 平安法治星 / 平安法治 / 4 → 4; '' / 全村 → null; anything else undefined (a bad cell). */
export function parseStarCell(text: string): Star | null | undefined {
  if (text === '' || text === '全村') return null
  for (const star of STARS) {
    const name = STAR_NAMES[star]
    if (text === name || text === name.replace(/星$/, '') || text === String(star)) return star
  }
  return undefined
}
