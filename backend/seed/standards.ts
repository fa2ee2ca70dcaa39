import type { Criterion } from '../../types/catalogue'

/** 创建标准 as the article gives them (方岗镇), the seed of each year's catalogue. */
export const ARTICLE_STANDARDS: Criterion[] = [
  // 支部过硬星
  { id: 's1-haozhishu', star: 1, title: '好支书', description: '支部书记政治过硬、带富能力强', rule: null },
  { id: 's1-haobanzi', star: 1, title: '好班子', description: '两委班子团结、分工明确', rule: null },
  { id: 's1-haoduiwu', star: 1, title: '好队伍', description: '党员队伍结构合理、作用发挥好', rule: null },
  { id: 's1-sanhui', star: 1, title: '三会一课', description: '严格组织生活：支部党员大会、支委会、党小组会和党课', rule: { kind: 'monthly', activityType: '三会一课' } },
  { id: 's1-zhutidangri', star: 1, title: '主题党日', description: '每月开展主题党日活动', rule: { kind: 'monthly', activityType: '主题党日' } },
  { id: 's1-zuzhishenghuo', star: 1, title: '组织生活会', description: '每年召开组织生活会', rule: { kind: 'yearly', activityType: '组织生活会' } },
  { id: 's1-siyi', star: 1, title: '四议两公开', description: '重大事项按四议两公开程序决策，留存记录', rule: { kind: 'document', activityType: '四议两公开' } },
  { id: 's1-xuexi', star: 1, title: '集中学习', description: '坚持每周至少集中学习2次', rule: { kind: 'weekly', activityType: '集中学习', perWeek: 2 } },
  { id: 's1-shangjiangtai', star: 1, title: '党员干部人人上讲台', description: '党员干部上台讲解负责工作推进情况及目标', rule: { kind: 'yearly', activityType: '人人上讲台' } },
  // 产业兴旺星
  { id: 's2-jiti', star: 2, title: '集体经济年收入', description: '村集体经济年收入达到10万元以上', rule: { kind: 'figure', activityType: '集体经济收入', threshold: 100000, unit: '元' } },
  { id: 's2-hezuoshe', star: 2, title: '党支部领办合作社', description: '党支部领办合作社，有章程和运营记录', rule: { kind: 'document', activityType: '领办合作社' } },
  { id: 's2-yicunyipin', star: 2, title: '一村一品', description: '培育特色主导产业', rule: { kind: 'document', activityType: '一村一品' } },
  // 生态宜居星
  { id: 's3-dagan20', star: 3, title: '集中攻坚大干20天', description: '每月开展人居环境集中攻坚大干20天行动', rule: { kind: 'monthly', activityType: '集中攻坚大干20天' } },
  { id: 's3-meili', star: 3, title: '美丽乡村', description: '美丽乡村创建达标', rule: { kind: 'document', activityType: '美丽乡村' } },
  { id: 's3-lvhua', star: 3, title: '绿化覆盖率', description: '村庄绿化覆盖率（%）', rule: { kind: 'figure', activityType: '绿化覆盖率', threshold: 40, unit: '%' } },
  // 平安法治星（7 项）
  { id: 's4-fangdianzha', star: 4, title: '防电诈教育', description: '每月开展一次防电诈教育', rule: { kind: 'monthly', activityType: '防电诈教育' } },
  { id: 's4-nishui', star: 4, title: '预防未成年人溺水教育', description: '每月开展一次预防未成年人溺水教育', rule: { kind: 'monthly', activityType: '预防溺水教育' } },
  { id: 's4-anquanshengchan', star: 4, title: '安全生产教育', description: '每月开展一次安全生产教育', rule: { kind: 'monthly', activityType: '安全生产教育' } },
  { id: 's4-yiqingjiaoyu', star: 4, title: '疫情防控教育', description: '每月开展一次常态化疫情防控教育', rule: { kind: 'monthly', activityType: '疫情防控教育' } },
  { id: 's4-yinhuan', star: 4, title: '安全隐患排查', description: '每月进行一次安全隐患大排查', rule: { kind: 'monthly', activityType: '安全隐患排查' } },
  { id: 's4-fangxun', star: 4, title: '防汛应急演练', description: '每年开展一次防汛应急演练', rule: { kind: 'yearly', activityType: '防汛应急演练' } },
  { id: 's4-yiqingyanlian', star: 4, title: '疫情应急演练', description: '每年开展一次疫情应急演练', rule: { kind: 'yearly', activityType: '疫情应急演练' } },
  // 文明幸福星
  { id: 's5-bianmin', star: 5, title: '便民服务', description: '依托党群服务中心常态化开展便民服务', rule: { kind: 'monthly', activityType: '便民服务' } },
  { id: 's5-wenming', star: 5, title: '新时代文明实践', description: '常态化开展文明实践活动', rule: { kind: 'monthly', activityType: '文明实践' } },
  { id: 's5-jiuye', star: 5, title: '就业培训', description: '开展就业技能培训', rule: { kind: 'yearly', activityType: '就业培训' } },
  { id: 's5-wenti', star: 5, title: '文化体育活动', description: '农家书屋、文化大院、广场舞、戏迷晚会等', rule: { kind: 'monthly', activityType: '文化体育活动' } },
  { id: 's5-wuhao', star: 5, title: '优秀小组/五好家庭', description: '开展优秀小组、五好家庭评选', rule: { kind: 'yearly', activityType: '五好家庭评选' } },
]
