import { Button, type ButtonProps } from '@tarojs/components'

/**
 * Taro's Button, except that `disabled`/`loading` set to false leave no attribute: on H5 they render as
 * `disabled="false"`, which Taro's `[disabled]` styles still match and paint the label near-invisible.
 */
export function ActionButton({ disabled, loading, ...rest }: ButtonProps) {
  return <Button {...rest} disabled={disabled || undefined} loading={loading || undefined} />
}
