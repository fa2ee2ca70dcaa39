import { STARS, STAR_NAMES, type RoleGrant } from '../../types/roles'

/** 方岗镇, 禹州市: the township of the source article, with its 24 villages. */
export const FANGGANG = { id: 'fanggang', name: '方岗镇', county: '禹州市' }

/** The seven villages the article names, then plainly named demo villages up to 24. */
export const FANGGANG_VILLAGES: Array<{ id: string; name: string }> = [
  { id: 'xixuezhuang', name: '西薛庄村' },
  { id: 'tiegou', name: '帖沟村' },
  { id: 'liugang', name: '刘岗村' },
  { id: 'shihuizhao', name: '石灰赵村' },
  { id: 'fangbei', name: '方北村' },
  { id: 'fangdong', name: '方东村' },
  { id: 'duancun', name: '段村' },
  ...Array.from({ length: 17 }, (_, i) => {
    const n = String(i + 8).padStart(2, '0')
    return { id: `demo${n}`, name: `演示村${n}` }
  }),
]

export interface DemoPerson {
  openid: string
  name: string
  label: string
  villageId: string | null
  grants: RoleGrant[]
  /** False for 新用户: no person record until they redeem an invitation or choose a village, like a first WeChat visit. */
  stored?: false
}

const TASKFORCE_NAMES = ['周立新', '吴建华', '赵敏', '刘洋', '冯志远'] as const

/** The demo people of local mode, one per role (their openids are only ever accepted by the local server). */
export const DEMO_PEOPLE: DemoPerson[] = [
  { openid: 'demo-villager-tiegou', name: '李桂兰', label: '帖沟村 村民', villageId: 'tiegou', grants: [] },
  { openid: 'demo-cadre-tiegou', name: '张建国', label: '帖沟村 村干部', villageId: 'tiegou', grants: [{ role: 'cadre', villageId: 'tiegou' }] },
  { openid: 'demo-secretary-tiegou', name: '王志刚', label: '帖沟村 村党支部书记', villageId: 'tiegou', grants: [{ role: 'secretary', villageId: 'tiegou' }, { role: 'cadre', villageId: 'tiegou' }] },
  ...STARS.map((star): DemoPerson => ({
    openid: `demo-taskforce-${star}`,
    name: TASKFORCE_NAMES[star - 1],
    label: `${STAR_NAMES[star]} 工作专班成员`,
    villageId: null,
    grants: [{ role: 'taskforce', star }],
  })),
  { openid: 'demo-leader', name: '陈卫东', label: '方岗镇 镇领导', villageId: null, grants: [{ role: 'leader' }] },
  { openid: 'demo-admin', name: '孙丽', label: '方岗镇 管理员', villageId: null, grants: [{ role: 'admin' }] },
  { openid: 'demo-newcomer', name: '新用户', label: '新用户（无角色，可输入邀请码）', villageId: null, grants: [], stored: false },
  // 季度观摩: two more village secretaries, to score other villages' stops (no one scores their own village).
  { openid: 'demo-secretary-fangdong', name: '刘保国', label: '方东村 村党支部书记', villageId: 'fangdong', grants: [{ role: 'secretary', villageId: 'fangdong' }, { role: 'cadre', villageId: 'fangdong' }] },
  { openid: 'demo-secretary-duancun', name: '段红旗', label: '段村 村党支部书记', villageId: 'duancun', grants: [{ role: 'secretary', villageId: 'duancun' }, { role: 'cadre', villageId: 'duancun' }] },
]

/** The seed's admin, who locally plays the deployment admin (ADMIN_OPENIDS). */
export const DEMO_ADMIN_OPENID = 'demo-admin'

/** The demo people that have a person record from the start. */
export const STORED_DEMO_PEOPLE = DEMO_PEOPLE.filter((p) => p.stored !== false)

/** Sample notices for the seeded week, in the words a village loudspeaker would use. */
export const SAMPLE_NOTICES = [
  { kind: 'praise', category: '人居环境', name: '王建军', householdNo: '3组12号', text: '主动清理门前杂物，庭院整洁、花草有序，为全村做了好榜样。' },
  { kind: 'praise', category: '孝老爱亲', name: '刘秀梅', householdNo: '1组5号', text: '常年悉心照顾瘫痪在床的婆婆，邻里交口称赞。' },
  { kind: 'criticism', category: '人居环境', name: '赵国庆', householdNo: '2组8号', text: '门前长期堆放柴草和建筑垃圾，影响村容村貌，请于三日内清理完毕。' },
  { kind: 'praise', category: '每周之星', name: '孙红霞', householdNo: '4组3号', text: '带头参加“集中攻坚大干20天”，义务清扫村道两公里。' },
  { kind: 'criticism', category: '平安', name: '周宏伟', householdNo: '5组16号', text: '电动车在楼道内充电，存在火灾隐患，请改到集中充电点充电。' },
  { kind: 'praise', category: '移风易俗', name: '李志强', householdNo: '2组1号', text: '儿子婚礼不要高额彩礼、不大操大办，带头移风易俗。' },
] as const
