import { z } from 'zod'
import { ZId } from './common'
import { ZRoleGrant } from './roles'

/** 行政村: a village of a township. */
export const ZVillage = z.object({
  id: ZId,
  townshipId: ZId,
  name: z.string(),
  order: z.number().int(),
  /** Archived villages keep their history but leave the lists (absent on villages stored before archiving existed). */
  archived: z.boolean().optional(),
})
export type Village = z.infer<typeof ZVillage>

/** 乡镇. */
export const ZTownship = z.object({ id: ZId, name: z.string(), county: z.string() })
export type Township = z.infer<typeof ZTownship>

/** 当前用户: who the caller is, as the server sees it. */
export const ZMe = z.object({
  signedIn: z.boolean(),
  personId: z.string().nullable(),
  name: z.string().nullable(),
  townshipId: z.string(),
  /** The village the caller chose as theirs (a villager's binding), if any. */
  villageId: z.string().nullable(),
  grants: z.array(ZRoleGrant),
  /** One of the deployment's admins (the api function's ADMIN_OPENIDS): creates townships. */
  deploymentAdmin: z.boolean(),
})
export type Me = z.infer<typeof ZMe>
