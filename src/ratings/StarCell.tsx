import { Text } from '@tarojs/components'
import type { CellState } from '../../types/dashboard'
import { CELL_LOOK } from './lib'

/** One star's state: its colour and its symbol (aria-label carries the words). */
export function StarCell({ state, onClick }: { state: CellState; onClick?: () => void }) {
  const look = CELL_LOOK[state]
  return (
    <Text className={`rt-cell rt-cell--${state}`} style={{ background: look.color }} aria-label={look.text} onClick={onClick}>
      {look.symbol}
    </Text>
  )
}

export function Legend() {
  return (
    <>
      {(Object.keys(CELL_LOOK) as CellState[]).map((s) => (
        <Text key={s} className='rt-legend__item'>
          <StarCell state={s} /> {CELL_LOOK[s].text}
        </Text>
      ))}
    </>
  )
}
