/** A published board as stored: one per village and day, its id derived from both so it can exist only once. */
export interface BoardDoc {
  _id: string
  townshipId: string
  villageId: string
  date: string
  publishedAt: string
  praiseCount: number
  criticismCount: number
  [key: string]: unknown
}

export const boardId = (villageId: string, date: string) => `${villageId}_${date}`
