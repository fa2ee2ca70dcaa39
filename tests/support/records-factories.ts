import ExcelJS from 'exceljs'
import type { ActionInput } from '../../types/api'
import type { Catalogue } from '../../types/catalogue'
import type { LedgerEntry } from '../../types/ledger'
import type { ChecklistItem } from '../../types/checklist'
import type { DocumentStore } from '../../core/store'
import { catalogueId } from '../../core/catalogue-rules'
import { sortKeyOf } from '../../core/checklist-rules'
import { monthOfDay } from '../../core/time'
import { toDoc } from '../../backend/repository'
import { ARTICLE_STANDARDS } from '../../backend/seed/standards'
import { IMPORT_HEADER } from '../../backend/xlsx'

// Factories for the records area (catalogue, ledger, checklist): each builds one valid thing.

/** A photo as the local server names an upload. */
export const localPhoto = (n = 1) => `local://${n.toString(16).padStart(32, 'a')}.jpg`

/** The article's catalogue for a township and year, planted unless one is there. */
export async function ensureCatalogue(store: DocumentStore, townshipId: string, year: number, overrides: Partial<Catalogue> = {}): Promise<Catalogue> {
  const catalogue: Catalogue = {
    id: catalogueId(townshipId, year), townshipId, year, revisions: [{ effectiveFrom: `${year}-01`, criteria: ARTICLE_STANDARDS }],
    focus: [], version: 1, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'fixture', ...overrides,
  }
  await store.insertIfAbsent('catalogues', toDoc(catalogue))
  return catalogue
}

/** A valid ledger.create payload: this day's 防电诈教育 in 帖沟村. */
export function makeLedgerInput(overrides: Partial<ActionInput<'ledger.create'>> = {}): ActionInput<'ledger.create'> {
  return {
    villageId: 'tiegou',
    star: 4,
    activityType: '防电诈教育',
    date: '2026-11-27',
    participants: { count: 45, names: ['张建国', '李桂兰'] },
    summary: '在村文化广场开展防范电信网络诈骗宣传，讲解典型案例。',
    photos: [localPhoto(1)],
    ...overrides,
  }
}

/** A stored ledger entry (submitted, star 4, 帖沟村, 2026-11-27 unless overridden). */
export function makeLedgerEntry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  const base: LedgerEntry = {
    id: 'le1', townshipId: 'fanggang', villageId: 'tiegou', star: 4, criterionId: 's4-fangdianzha', activityType: '防电诈教育', otherName: null,
    date: '2026-11-27', month: '2026-11', participants: { count: 30, names: [] }, summary: '开展防电诈教育，发放宣传册。', photos: [localPhoto(2)],
    figure: null, correctsId: null, status: 'submitted', createdBy: 'fixture-cadre', createdByName: '起草人', createdAt: '2026-11-27T02:00:00.000Z',
    sortKey: '', updatedAt: '2026-11-27T02:00:00.000Z', reviewedBy: null, reviewedAt: null, reviewComment: null, version: 1,
    ...overrides,
  }
  return { ...base, month: monthOfDay(base.date), sortKey: overrides.sortKey ?? `${base.createdAt}_${base.id}` }
}

/** A stored checklist item (open, village-wide, 帖沟村, owned by the demo cadre). */
export function makeChecklistItem(overrides: Partial<ChecklistItem> = {}): ChecklistItem {
  const base: ChecklistItem = {
    id: 'ck1', townshipId: 'fanggang', villageId: 'tiegou', star: null, criterionId: null, text: '村务公开栏更新', ownerId: 'demo-cadre-tiegou',
    ownerName: '张建国', dueMonth: '2026-11', sortKey: '', status: 'open', evidence: null, reviewComment: null, createdBy: 'fixture',
    createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', version: 1, ...overrides,
  }
  return { ...base, sortKey: sortKeyOf(base.dueMonth, base.id) }
}

/** An .xlsx import sheet (the template's header and these rows), base64. */
export async function makeImportSheet(rows: Array<Array<string | number | null>>): Promise<string> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('提升清单')
  sheet.addRow([...IMPORT_HEADER])
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64')
}
