import { Text, View } from '@tarojs/components'
import type { RoleGrant } from '../../../types/roles'
import { useVillageName } from '../../hooks/useVillageName'
import { grantLabel } from '../../lib/grants'

/** One role I hold, with the village it is scoped to. */
export function GrantRow({ grant }: { grant: RoleGrant }) {
  const villageName = useVillageName('villageId' in grant ? grant.villageId : null)
  return (
    <View className='me-role'>
      <Text className='me-role__name'>{grantLabel(grant)}</Text>
      {villageName && <Text className='muted'>{villageName}</Text>}
    </View>
  )
}
