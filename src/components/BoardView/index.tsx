import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Board, BoardEntry } from '../../../types/board'
import { NOTICE_KIND_NAMES, type NoticeKind } from '../../../types/labels'
import type { BoardAward } from '../../../types/award'
import { AWARD_KIND_NAMES } from '../../../types/award-labels'
import { formatDay, formatInstant } from '../../lib/day'
import { PhotoGrid } from '../PhotoGrid'
import './index.css'

/** Village name and day on top of a board, shown also when the day's board is not out yet. */
export function BoardHeader({ villageName, date }: { villageName: string; date: string }) {
  return (
    <View className='board-header'>
      <Text className='board-header__village'>{villageName}</Text>
      <Text className='board-header__title'>表扬曝光台</Text>
      <Text className='board-header__date'>{formatDay(date)}</Text>
    </View>
  )
}

function Entry({ entry, actions }: { entry: BoardEntry; actions?: ReactNode }) {
  return (
    <View className={`board-entry board-entry--${entry.kind}`} data-notice-id={entry.noticeId}>
      <View className='board-entry__top'>
        <Text className='entry-category'>{entry.category}</Text>
        <Text className='subject-label'>{entry.subjectLabel}</Text>
        {entry.rectified && <Text className='rectified-badge'>已整改</Text>}
      </View>
      <Text className='entry-text'>{entry.text}</Text>
      <PhotoGrid photos={entry.photos} />
      {actions && <View className='board-entry__actions'>{actions}</View>}
    </View>
  )
}

function Group({ kind, entries, entryActions }: { kind: NoticeKind; entries: BoardEntry[]; entryActions?: (e: BoardEntry) => ReactNode }) {
  if (entries.length === 0) return null
  return (
    <View className={`board-group board-group--${kind}`}>
      <Text className='board-group__title'>
        {NOTICE_KIND_NAMES[kind]}（{entries.length}）
      </Text>
      {entries.map((e) => (
        <Entry key={e.noticeId} entry={e} actions={entryActions?.(e)} />
      ))}
    </View>
  )
}

/** 评选: the day's confirmed 每周之星 / 优秀小组 / 五好家庭, with the prize. */
function Awards({ awards }: { awards: BoardAward[] }) {
  return (
    <View className='board-awards'>
      <Text className='board-group__title'>评选表彰</Text>
      {awards.map((a) => (
        <View key={a.awardId} className='board-award' data-award-id={a.awardId}>
          <Text className='board-award__kind'>{AWARD_KIND_NAMES[a.kind]}</Text>
          <Text className='subject-label'>{a.label}</Text>
          <Text className='entry-text'>{a.reason}</Text>
          {a.prize && <Text className='board-award__prize'>奖品：{a.prize}</Text>}
        </View>
      ))}
    </View>
  )
}

/** 广播稿: folded by default, since it repeats the entries as one text for the loudspeaker. */
function Script({ script }: { script: string }) {
  const [open, setOpen] = useState(false)
  return (
    <View className='board-script'>
      <View className='board-script__toggle' onClick={() => setOpen(!open)}>
        <Text>广播稿</Text>
        <Text className='board-script__hint'>{open ? '收起' : '展开'}</Text>
      </View>
      {open && <Text className='board-script__text' userSelect>{script}</Text>}
    </View>
  )
}

type Props = {
  board: Board
  /** Extra controls under an entry (申诉, 标记已整改); the board itself decides nothing. */
  entryActions?: (entry: BoardEntry) => ReactNode
}

/** One published day of a village's 表扬曝光台. */
export function BoardView({ board, entryActions }: Props) {
  const praise = board.entries.filter((e) => e.kind === 'praise')
  const criticism = board.entries.filter((e) => e.kind === 'criticism')
  return (
    <View className='board'>
      <BoardHeader villageName={board.villageName} date={board.date} />
      {board.internal && <Text className='board__internal'>干部视图：显示全名及已下榜的曝光</Text>}
      {board.awards && board.awards.length > 0 && <Awards awards={board.awards} />}
      {board.entries.length === 0 ? (
        <Text className='board__none'>今日无表扬与曝光</Text>
      ) : (
        <>
          <Group kind='praise' entries={praise} entryActions={entryActions} />
          <Group kind='criticism' entries={criticism} entryActions={entryActions} />
        </>
      )}
      {board.script && <Script script={board.script} />}
      <Text className='board__published'>发布于 {formatInstant(board.publishedAt)}</Text>
    </View>
  )
}
