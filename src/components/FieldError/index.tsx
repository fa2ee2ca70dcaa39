import { Text } from '@tarojs/components'
import type { FieldErrors } from '../../lib/form'

/** The message for one field, if any, right under its input. */
export function FieldError({ errors, name }: { errors: FieldErrors; name: string }) {
  const message = errors[name]
  return message ? <Text className={`error-text field-error field-error--${name.replace(/\./g, '-')}`}>{message}</Text> : null
}
