import postcss from 'postcss'
// eslint-disable-next-line @typescript-eslint/no-require-imports
const elder = require('../../config/postcss-elder.js')

const run = (css: string) => postcss([elder()]).process(css, { from: undefined }).css

describe('长辈模式 build step (config/postcss-elder.js)', () => {
  it('scales font sizes and px line heights with --elder-text', () => {
    expect(run('.a { font-size: 28px; line-height: 40px }')).toBe(
      '.a { font-size: calc(28px * var(--elder-text, 1)); line-height: calc(40px * var(--elder-text, 1)) }',
    )
  })

  it('scales paddings and min-heights (tap targets) with --elder-tap, each length on its own', () => {
    expect(run('.b { padding: 24px 0; min-height: 80px }')).toBe(
      '.b { padding: calc(24px * var(--elder-tap, 1)) 0; min-height: calc(80px * var(--elder-tap, 1)) }',
    )
  })

  it('leaves widths, unitless line heights and the mode rule itself alone, and runs idempotently', () => {
    const css = '.c { width: 320px; line-height: 1.6 } .elder-mode { --elder-text: 1.25 }'
    expect(run(css)).toBe(css)
    const once = run('.d { font-size: 30px }')
    expect(run(once)).toBe(once)
  })

  it('works after pxtransform too (rpx, rem)', () => {
    expect(run('.e { font-size: 37.33rpx; padding-top: .6rem }')).toBe(
      '.e { font-size: calc(37.33rpx * var(--elder-text, 1)); padding-top: calc(.6rem * var(--elder-tap, 1)) }',
    )
  })
})

describe('长辈模式 reaches every page', () => {
  it('every page of the app config, subpackages included, is exported through withElderMode', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readFileSync } = require('node:fs') as typeof import('node:fs')
    const configText = readFileSync('src/app.config.ts', 'utf8')
    const pages: string[] = [...configText.matchAll(/pages:\s*\[([^\]]*)\]/g)].flatMap((m, i) => {
      const names = [...m[1].matchAll(/'([^']+)'/g)].map((n) => n[1])
      if (i === 0) return names
      const root = [...configText.slice(0, m.index).matchAll(/root:\s*'([^']+)'/g)].pop()?.[1]
      return names.map((n) => `${root}/${n}`)
    })
    expect(pages.length).toBeGreaterThan(15)
    const unwrapped = pages.filter((page) => !/export default withElderMode\(\w+\)/.test(readFileSync(`src/${page}.tsx`, 'utf8')))
    expect(unwrapped).toEqual([])
  })
})
