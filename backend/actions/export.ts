import type { LedgerEntry } from '../../types/ledger'
import type { ChecklistItem } from '../../types/checklist'
import type { Village } from '../../types/village'
import { DomainError } from '../../core/errors'
import type { Where } from '../../core/store'
import { addMonths } from '../../core/time'
import { defineHandler, type ActionContext } from '../action'
import { getVillage, toRecord, type Stored } from '../repository'
import { checklistWorkbook, importTemplate, ledgerWorkbook } from '../xlsx'
import { listChecklistPage } from './checklist'

const PAGE = 500
const MAX_ROWS = 20000

function sink(ctx: ActionContext) {
  if (!ctx.deps.files) throw new DomainError('INTERNAL', '本环境未配置文件存储，无法导出')
  return ctx.deps.files
}

export const exportLedger = defineHandler('export.ledger', {
  async target(input, ctx) {
    if (input.villageId) return { villageId: input.villageId, townshipId: (await getVillage(ctx.deps.store, input.villageId)).townshipId }
    return { townshipId: ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId }
  },
  async handle(input, ctx) {
    const files = sink(ctx)
    const townshipId = input.villageId ? (await getVillage(ctx.deps.store, input.villageId)).townshipId : (ctx.caller.person?.townshipId ?? ctx.deps.defaultTownshipId)
    const villages = await ctx.deps.store.find<Stored<Village>>('villages', { where: { townshipId }, orderBy: [['order', 'asc']], limit: 1000 })
    const names = Object.fromEntries(villages.map((v) => [v._id, v.name]))
    const township = await ctx.deps.store.get<{ _id: string; name: string }>('townships', townshipId)
    const entries: LedgerEntry[] = []
    // Month by month, keyset pages in list order within each month (index villageId|townshipId, month, sortKey).
    for (let month = input.from; month <= input.to; month = addMonths(month, 1)) {
      let cursor: string | null = null
      do {
        const where: Where = input.villageId ? { villageId: input.villageId, month } : { townshipId, month }
        if (cursor) where.sortKey = { $gt: cursor }
        const docs: Array<Stored<LedgerEntry>> = await ctx.deps.store.find<Stored<LedgerEntry>>('ledger', { where, orderBy: [['sortKey', 'asc']], limit: PAGE })
        entries.push(...docs.map((d) => toRecord<LedgerEntry>(d)))
        cursor = docs.length === PAGE ? docs[docs.length - 1].sortKey : null
        if (entries.length > MAX_ROWS) throw new DomainError('INVALID_INPUT', `导出超过 ${MAX_ROWS} 条，请缩短月份范围或按村导出`)
      } while (cursor)
    }
    entries.sort((a, b) => a.date.localeCompare(b.date) || a.sortKey.localeCompare(b.sortKey))
    const scope = input.villageId ? `${township?.name ?? ''}${names[input.villageId] ?? input.villageId}` : `${township?.name ?? townshipId}（全镇）`
    const period = input.from === input.to ? input.from : `${input.from} 至 ${input.to}`
    const fileName = `${scope}台账 ${period}.xlsx`
    const url = await files.saveExport(fileName, await ledgerWorkbook(`${scope}“五星”支部创建台账（${period}）`, entries, names))
    return { url, fileName, rows: entries.length }
  },
})

export const exportChecklist = defineHandler('export.checklist', {
  target: async (input, ctx) => ({ villageId: input.villageId, townshipId: (await getVillage(ctx.deps.store, input.villageId)).townshipId }),
  async handle(input, ctx) {
    const files = sink(ctx)
    if (input.template) {
      const fileName = '提升清单导入模板.xlsx'
      return { url: await files.saveExport(fileName, await importTemplate()), fileName, rows: 0 }
    }
    const village = await getVillage(ctx.deps.store, input.villageId)
    const items: Array<ChecklistItem & { overdue: boolean }> = []
    let cursor: string | undefined
    do {
      const page = await listChecklistPage(ctx, { villageId: village.id, cursor, limit: 50 })
      items.push(...page.items)
      cursor = page.nextCursor ?? undefined
      if (items.length > MAX_ROWS) throw new DomainError('INVALID_INPUT', '清单过长，无法导出')
    } while (cursor)
    const fileName = `${village.name}提升清单.xlsx`
    const url = await files.saveExport(fileName, await checklistWorkbook(`${village.name}“五星”支部创建提升清单`, items))
    return { url, fileName, rows: items.length }
  },
})
