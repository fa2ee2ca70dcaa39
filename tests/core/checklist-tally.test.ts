import { checklistFigures, emptyChecklistTally, moveChecklistTally } from '../../core/checklist-tally'

const item = (status: 'open' | 'in_progress' | 'awaiting' | 'done', dueMonth: string) => ({ status, dueMonth })

describe('checklist tally (the dashboard figures kept on write)', () => {
  it('a new item counts once in the total and under its due month', () => {
    const t = moveChecklistTally(emptyChecklistTally('tiegou'), null, item('open', '2026-10'))
    expect(t).toMatchObject({ total: 1, done: 0, openByMonth: { '2026-10': 1 } })
  })

  it('moving the due month moves the item between months, and an emptied month disappears', () => {
    let t = moveChecklistTally(emptyChecklistTally('tiegou'), null, item('open', '2026-10'))
    t = moveChecklistTally(t, item('open', '2026-10'), item('in_progress', '2026-12'))
    expect(t.openByMonth).toEqual({ '2026-12': 1 })
    expect(t.total).toBe(1)
  })

  it('销号 accepted counts as done and leaves the open months; a rejected closing reopens it', () => {
    let t = moveChecklistTally(emptyChecklistTally('tiegou'), null, item('awaiting', '2026-10'))
    t = moveChecklistTally(t, item('awaiting', '2026-10'), item('done', '2026-10'))
    expect(t).toMatchObject({ total: 1, done: 1, openByMonth: {} })
  })

  it('overdue is the not-done items due before the current month, awaiting ones included', () => {
    let t = emptyChecklistTally('tiegou')
    for (const i of [item('open', '2026-09'), item('awaiting', '2026-10'), item('open', '2026-11'), item('done', '2026-08')]) t = moveChecklistTally(t, null, i)
    expect(checklistFigures(t, '2026-11')).toEqual({ total: 4, done: 1, overdue: 2 })
    expect(checklistFigures(t, '2026-12')).toEqual({ total: 4, done: 1, overdue: 3 })
  })

  it('a village without a tally shows zeros', () => {
    expect(checklistFigures(null, '2026-11')).toEqual({ total: 0, done: 0, overdue: 0 })
  })
})
