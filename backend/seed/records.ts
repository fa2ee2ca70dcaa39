import { createHash } from 'node:crypto'
import type { Catalogue } from '../../types/catalogue'
import type { LedgerEntry, LedgerStatus } from '../../types/ledger'
import type { ChecklistItem } from '../../types/checklist'
import type { RoleGrant, Star } from '../../types/roles'
import { applyEntry, emptyComplianceYear, yearsTouched, type ComplianceYear } from '../../core/compliance'
import { sortKeyOf } from '../../core/checklist-rules'
import { catalogueId } from '../../core/catalogue-rules'
import { addDays, addMonths, isoWeekOf, monthOfDay, weeksOfMonth } from '../../core/time'
import type { Deps } from '../deps'
import type { TxStore } from '../../core/store'
import { toDoc } from '../repository'
import { FANGGANG, FANGGANG_VILLAGES } from './fanggang-data'
import { ARTICLE_STANDARDS } from './standards'
import { writeChecklistItems } from '../checklist-writes'
import { syncRoleDirectoryInTx } from '../notify/recipients'
import { seedContacts, seedLedgerWeeklyTallies } from './weekly-contacts'

/** 每月工作区: the township's monthly focus, echoing the article. */
const FOCUS = [
  '支部建设：三会一课、主题党日记录规范化', '平安法治：防电诈宣传进村入户', '生态宜居：春季植树与村庄绿化', '产业兴旺：合作社春耕生产',
  '平安法治：防溺水安全教育', '生态宜居：集中攻坚大干20天', '平安法治：防汛应急演练', '支部过硬：党建观摩与头雁论坛',
  '文明幸福：文化体育活动', '产业兴旺：秋收与集体经济核算', '生态宜居：冬季人居环境整治', '支部过硬：年终组织生活会',
]

/** The village officers of the seeded checklist (方北村: 第一书记 王钰柯 and the 两委). */
export const FANGBEI_PEOPLE = [
  { _id: 'seed-fangbei-wangyuke', name: '王钰柯', grants: [{ role: 'cadre', villageId: 'fangbei' }] },
  { _id: 'seed-fangbei-secretary', name: '方国强', grants: [{ role: 'secretary', villageId: 'fangbei' }, { role: 'cadre', villageId: 'fangbei' }] },
  { _id: 'seed-fangbei-cadre1', name: '李红梅', grants: [{ role: 'cadre', villageId: 'fangbei' }] },
  { _id: 'seed-fangbei-cadre2', name: '赵永军', grants: [{ role: 'cadre', villageId: 'fangbei' }] },
] as const

const CHECKLIST_TEXTS: Array<[Star | null, string]> = [
  [1, '规范三会一课记录本，每月按时上传'], [1, '每月主题党日活动照片归档'], [1, '完善四议两公开决策记录'], [1, '党员干部人人上讲台，每季度一次'],
  [1, '建立党员积分管理台账'], [1, '发展入党积极分子 2 名'], [2, '党支部领办合作社完成章程备案'], [2, '集体经济收入达到 10 万元'],
  [2, '射干种植示范田扩大到 50 亩'], [2, '对接市直单位销售渠道'], [2, '建设村集体冷库项目前期手续'], [3, '主干道两侧垃圾清运'],
  [3, '坑塘整治 3 处'], [3, '村庄绿化补植 500 株'], [3, '美丽乡村示范街打造'], [3, '户厕改造验收'],
  [3, '废旧房屋拆除 6 处'], [4, '每月防电诈教育进村组'], [4, '暑期防溺水警示牌更新'], [4, '安全隐患排查台账'],
  [4, '防汛物资储备清点'], [4, '矛盾纠纷排查化解'], [4, '村级调解室规范化建设'], [5, '农家书屋图书更新'],
  [5, '文化大院广场舞队组建'], [5, '戏迷晚会每季度一次'], [5, '五好家庭评选表彰'], [5, '就业培训 2 期'],
  [5, '便民服务代办点公示'], [null, '村委会办公场所整修'], [null, '村务公开栏更新'], [null, '村史馆资料收集'],
  [1, '支部书记述职报告'], [2, '土地流转合同规范'], [3, '村内路灯维修 20 盏'], [4, '消防器材检查更换'],
  [5, '移风易俗红白理事会章程'], [null, '网格员队伍调整'], [3, '雨污分流管网铺设'], [5, '志愿服务队登记'],
  [2, '一村一品品牌注册'], [4, '重点人员走访'],
]

const SUMMARIES: Record<string, string> = {
  三会一课: '召开支部党员大会，传达学习上级会议精神，讨论本月重点工作。',
  主题党日: '组织党员开展主题党日活动，重温入党誓词，清扫村内道路。',
  集中攻坚大干20天: '党员带头、群众参与，清理村内垃圾、柴草堆和残垣断壁。',
  防电诈教育: '在村文化广场开展防范电信网络诈骗宣传，发放宣传册，讲解典型案例。',
  预防溺水教育: '组织学生和家长学习防溺水安全知识，检查坑塘警示牌。',
  安全生产教育: '对村内加工作坊负责人开展安全生产教育，讲解用电和消防安全。',
  疫情防控教育: '宣传常态化疫情防控知识，提醒群众做好个人防护。',
  安全隐患排查: '村干部分组入户排查用电、燃气、危房等安全隐患，现场督促整改。',
  便民服务: '党群服务中心为群众代办社保认证、医保缴费等事项。',
  文明实践: '开展新时代文明实践志愿服务，看望慰问困难老人。',
  文化体育活动: '文化大院组织广场舞和戏迷晚会，丰富群众文化生活。',
  集中学习: '两委干部集中学习党的创新理论和乡村振兴政策。',
}

// Deterministic "chance" so every seeded township looks the same.
const chance = (key: string) => createHash('sha256').update(key).digest()[0] / 256

const SEED_VILLAGES = [
  { id: 'tiegou', completeness: 0.85, cadre: 'demo-cadre-tiegou', cadreName: '张建国' },
  { id: 'fangbei', completeness: 0.7, cadre: 'seed-fangbei-wangyuke', cadreName: '王钰柯' },
  { id: 'fangdong', completeness: 0.97, cadre: 'seed-fangdong-cadre', cadreName: '方明' },
]

/** Seeds the records area: the year's catalogue, every village's target, a year of ledgers, 方北村's checklist. */
export async function seedRecords(deps: Deps, today: string): Promise<void> {
  // One transaction: a few hundred inserts land together (and in a fraction of the time of one each).
  await deps.store.transaction((tx) => seedRecordsIn(tx, deps, today))
}

async function seedRecordsIn(store: TxStore, deps: Deps, today: string): Promise<void> {
  const now = deps.now().toISOString()
  const year = Number(today.slice(0, 4))
  const catalogue: Catalogue = {
    id: catalogueId(FANGGANG.id, year), townshipId: FANGGANG.id, year,
    revisions: [{ effectiveFrom: `${year}-01`, criteria: ARTICLE_STANDARDS }],
    focus: FOCUS.map((text, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, text })),
    version: 1, updatedAt: now, updatedBy: 'seed',
  }
  await store.insert('catalogues', toDoc(catalogue))

  // 创建目标: one 五星 village, sixteen 三星, the rest 四星 (as the article's township set them).
  for (const [i, village] of FANGGANG_VILLAGES.entries()) {
    const stars: Star[] = village.id === 'fangdong' ? [1, 2, 3, 4, 5] : i % 3 === 0 ? [1, 3, 4, 5] : [1, 3, 4]
    await store.insert('targets', {
      _id: `${village.id}_${year}`, townshipId: FANGGANG.id, villageId: village.id, year, level: stars.length, stars,
      updatedAt: now, updatedBy: 'seed', version: 1,
    })
  }

  for (const person of [...FANGBEI_PEOPLE, { _id: 'seed-fangdong-cadre', name: '方明', grants: [{ role: 'cadre' as const, villageId: 'fangdong' }] }]) {
    const villageId = person.grants[0].villageId
    const doc = { _id: person._id, name: person.name, townshipId: FANGGANG.id, villageId, grants: person.grants.map((g): RoleGrant => ({ ...g })), createdAt: now }
    await store.insert('people', doc)
    // Who holds a role is found through the directory (notifications, role.list): kept in step here too.
    await syncRoleDirectoryInTx(store, null, doc)
  }

  const currentMonth = monthOfDay(today)
  const monthly = ARTICLE_STANDARDS.filter((c) => c.rule?.kind === 'monthly')
  let n = 0
  for (const village of SEED_VILLAGES) {
    const summaries = new Map<number, ComplianceYear>()
    const entries: LedgerEntry[] = []
    const add = (star: Star, criterionId: string, activityType: string, date: string, status: LedgerStatus, figure: number | null = null) => {
      const createdAt = new Date(Date.parse(`${date}T02:00:00.000Z`) + ++n).toISOString()
      const id = `seed${String(n).padStart(6, '0')}`
      entries.push({
        id, townshipId: FANGGANG.id, villageId: village.id, star, criterionId, activityType, otherName: null, date, month: monthOfDay(date),
        participants: { count: 20 + Math.floor(chance(`${id}p`) * 60), names: [] }, summary: SUMMARIES[activityType] ?? `开展${activityType}。`,
        photos: [], figure, correctsId: null, status, createdBy: village.cadre, createdByName: village.cadreName, createdAt,
        sortKey: `${createdAt}_${id}`, updatedAt: createdAt,
        reviewedBy: status === 'verified' || status === 'returned' ? `demo-taskforce-${star}` : null,
        reviewedAt: status === 'verified' || status === 'returned' ? createdAt : null,
        reviewComment: status === 'returned' ? '照片不清晰，请补充活动现场照片' : null, version: status === 'submitted' ? 1 : 2,
      })
    }
    for (let month = `${year}-01`; month <= currentMonth; month = addMonths(month, 1)) {
      const isCurrent = month === currentMonth
      for (const criterion of monthly) {
        const type = criterion.rule!.activityType
        if (isCurrent && village.id === 'tiegou' && type === '防电诈教育') continue // left for the cadre to record
        if (chance(`${village.id}${month}${type}`) > village.completeness) continue
        const day = `${month}-${String(3 + Math.floor(chance(`${village.id}${month}${type}d`) * 20)).padStart(2, '0')}`
        if (day > today) continue
        const status: LedgerStatus = isCurrent ? (chance(`${village.id}${month}${type}s`) < 0.5 ? 'submitted' : 'verified') : chance(`${village.id}${month}${type}r`) < 0.05 ? 'returned' : 'verified'
        add(criterion.star, criterion.id, type, day, status)
      }
      // 方东村, the model village, keeps its twice-weekly study.
      if (village.id === 'fangdong') {
        for (const week of weeksOfMonth(month)) {
          for (const offset of [1, 3]) {
            const day = addDays(week.monday, offset)
            if (day <= today && isoWeekOf(day).month === month) add(1, 's1-xuexi', '集中学习', day, day < addDays(today, -6) ? 'verified' : 'submitted')
          }
        }
      }
    }
    add(4, 's4-fangxun', '防汛应急演练', `${year}-06-18`, 'verified')
    if (village.id !== 'fangbei') add(4, 's4-yiqingyanlian', '疫情应急演练', `${year}-03-12`, 'verified')
    add(2, 's2-jiti', '集体经济收入', `${year}-01-20`, 'verified', village.id === 'fangbei' ? 72000 : 126000)
    for (const entry of entries) {
      if (entry.date > today) continue
      for (const y of yearsTouched(entry)) {
        if (!summaries.has(y)) summaries.set(y, emptyComplianceYear(FANGGANG.id, village.id, y))
        applyEntry(summaries.get(y)!, entry, 1)
      }
      await store.insert('ledger', toDoc(entry))
    }
    for (const summary of summaries.values()) await store.insert('compliance', { ...summary })
    await seedLedgerWeeklyTallies(store, entries.filter((e) => e.date <= today))
  }
  await seedContacts(store, year, now)

  // 方北村's 提升清单 (节点责任化: every node has a named owner), some overdue, some done.
  for (const [i, [star, text]] of CHECKLIST_TEXTS.entries()) {
    const owner = FANGBEI_PEOPLE[i % FANGBEI_PEOPLE.length]
    const dueMonth = addMonths(currentMonth, (i % 7) - 3)
    const id = `seedck${String(i + 1).padStart(3, '0')}`
    const status: ChecklistItem['status'] = dueMonth < currentMonth ? (i % 3 === 0 ? 'in_progress' : 'done') : i % 4 === 0 ? 'awaiting' : i % 4 === 1 ? 'in_progress' : 'open'
    const closed = status === 'done' || status === 'awaiting'
    const item: ChecklistItem = {
      id, townshipId: FANGGANG.id, villageId: 'fangbei', star, criterionId: null, text, ownerId: owner._id, ownerName: owner.name, dueMonth,
      sortKey: sortKeyOf(dueMonth, id), status,
      evidence: closed ? { ledgerEntryId: null, photos: [], note: '已完成，资料已归档', at: now, by: owner._id } : null,
      reviewComment: null, createdBy: 'seed-fangbei-wangyuke', createdAt: now, updatedAt: now, version: closed ? 3 : 1,
    }
    await writeChecklistItems(store, [{ before: null, after: item }])
  }
}
