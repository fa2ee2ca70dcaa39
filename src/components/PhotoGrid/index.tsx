import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { photoUrl } from '../../services/photo-url'
import './index.css'

/** Up to three photos in a row; tapping one opens the full-screen viewer. */
export function PhotoGrid({ photos }: { photos: string[] }) {
  if (photos.length === 0) return null
  const urls = photos.map(photoUrl)
  return (
    <View className='photo-grid'>
      {urls.map((url) => (
        <Image
          key={url}
          className='photo-grid__item'
          src={url}
          mode='aspectFill'
          lazyLoad
          onClick={() => Taro.previewImage({ current: url, urls })}
        />
      ))}
    </View>
  )
}
