import type { PropsWithChildren } from 'react'
import { initCloud } from './services/cloud'
import { restoreElderMode } from './hooks/useElderMode'
import './app.css'

// Before any page mounts, so the first callFunction already has an environment.
if (process.env.TARO_ENV === 'weapp') initCloud()
restoreElderMode()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
