import { Image, Text, View } from '@tarojs/components'
import { photoUrl } from '../../services/photos'
import { MAX_PHOTOS } from './useDraftForm'

type Props = { photos: string[]; uploading: boolean; onAdd: () => void; onRemove: (fileId: string) => void }

/** Up to three uploaded photos with a remove mark each, and an add tile while there is room. */
export function PhotoPicker({ photos, uploading, onAdd, onRemove }: Props) {
  return (
    <View className='draft-photos'>
      {photos.map((p) => (
        <View key={p} className='draft-photos__item'>
          <Image className='draft-photos__img' src={photoUrl(p)} mode='aspectFill' />
          <Text className='draft-photos__remove' onClick={() => onRemove(p)}>
            ×
          </Text>
        </View>
      ))}
      {photos.length < MAX_PHOTOS && (
        <View className='draft-photos__add draft-photos-add' onClick={uploading ? undefined : onAdd}>
          <Text>{uploading ? '上传中…' : '添加照片'}</Text>
        </View>
      )}
    </View>
  )
}
