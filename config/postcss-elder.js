/**
 * 长辈模式 (large text) in one place instead of per-page rules: at build time every font size, px
 * line height, padding and min-height in every stylesheet becomes `calc(<value> * var(--elder-…, 1))`.
 * The variables are 1 by default and 1.25 under the root class `elder-mode` (src/app.css), so
 * one switch enlarges every page's text and tap targets, pages written later included. Widths
 * are left alone: text wraps instead of running off the screen. Runs before or after
 * pxtransform alike (calc of rpx/rem is as valid as calc of px).
 */
const TEXT = '--elder-text'
const TAP = '--elder-tap'
const SCALED = {
  'font-size': TEXT,
  'line-height': TEXT,
  padding: TAP,
  'padding-top': TAP,
  'padding-bottom': TAP,
  'padding-left': TAP,
  'padding-right': TAP,
  'min-height': TAP,
}
const LENGTH = /(-?\d*\.?\d+)(px|rpx|rem|PX)\b/g

function scale(value, variable) {
  if (value.includes('var(--elder') || !LENGTH.test(value)) return value
  LENGTH.lastIndex = 0
  return value.replace(LENGTH, (length) => `calc(${length} * var(${variable}, 1))`)
}

module.exports = () => ({
  postcssPlugin: 'five-star-elder-mode',
  Declaration(decl) {
    const variable = SCALED[decl.prop]
    if (!variable) return
    // Rules scoped to the mode itself set their own sizes.
    if (decl.parent && decl.parent.selector && decl.parent.selector.includes('elder-mode')) return
    decl.value = scale(decl.value, variable)
  },
})
module.exports.postcss = true
