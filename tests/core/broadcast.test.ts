import { buildBroadcastScript } from '../../core/broadcast'
import { makeBoardEntry } from '../support/factories'

const VILLAGE = '帖沟村'
const DAY = '2026-11-28'

const praise = (n: number) => makeBoardEntry({ noticeId: `p${n}`, kind: 'praise', subjectLabel: `表扬对象${n}`, category: '孝老爱亲', text: `表扬内容${n}` })
const criticism = (n: number, rectified = false) =>
  makeBoardEntry({ noticeId: `c${n}`, kind: 'criticism', subjectLabel: `赵某某（2组${n}号）`, category: '人居环境', text: `门前堆放杂物${n}`, rectified })

const lines = (script: string) => script.split('\n')

describe('buildBroadcastScript', () => {
  it('opens with the village and the day in Chinese', () => {
    expect(lines(buildBroadcastScript(VILLAGE, DAY, [praise(1)]))[0]).toBe('各位村民，现在播报帖沟村2026年11月28日“每天表扬曝光台”。')
  })

  it('closes with a sign-off', () => {
    expect(lines(buildBroadcastScript(VILLAGE, DAY, [praise(1)])).at(-1)).toBe('播报完毕，谢谢大家。')
  })

  it('says there is nothing today when the board is empty', () => {
    const script = buildBroadcastScript(VILLAGE, DAY, [])
    expect(script).toContain('今天没有表扬和曝光内容')
    expect(script).not.toContain('下面是表扬内容')
    expect(script).not.toContain('下面是曝光内容')
  })

  it('reads each praise with its subject, category and text, numbered in Chinese', () => {
    const script = buildBroadcastScript(VILLAGE, DAY, [praise(1), praise(2)])
    expect(script).toContain('一、表扬对象1，孝老爱亲：表扬内容1')
    expect(script).toContain('二、表扬对象2，孝老爱亲：表扬内容2')
    expect(script).toContain('希望大家向他们学习。')
  })

  it('reads praise before criticism whatever the order given', () => {
    const script = buildBroadcastScript(VILLAGE, DAY, [criticism(1), praise(1)])
    expect(script.indexOf('下面是表扬内容')).toBeLessThan(script.indexOf('下面是曝光内容'))
  })

  it('asks for a fix after each open criticism', () => {
    expect(buildBroadcastScript(VILLAGE, DAY, [criticism(8)])).toContain('一、赵某某（2组8号），人居环境：门前堆放杂物8请及时整改。')
  })

  it('says a rectified criticism has been fixed', () => {
    const script = buildBroadcastScript(VILLAGE, DAY, [criticism(8, true)])
    expect(script).toContain('门前堆放杂物8（现已整改完成）')
    expect(script).not.toContain('请及时整改')
  })

  it('reads exactly the labels it is given (the public script never holds a full criticised name)', () => {
    const script = buildBroadcastScript(VILLAGE, DAY, [criticism(8)])
    expect(script).toContain('赵某某')
    expect(script).not.toContain('赵国庆')
  })

  it('numbers praise and criticism separately', () => {
    const script = buildBroadcastScript(VILLAGE, DAY, [praise(1), criticism(1)])
    expect(script).toContain('一、表扬对象1')
    expect(script).toContain('一、赵某某')
  })
})
