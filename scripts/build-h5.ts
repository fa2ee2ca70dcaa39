import { loadConfig } from '../server/config'
import { buildH5 } from '../server/h5-build'

// `npm run build:h5`: Taro's H5 build, stamped with its sources' hash so `npm start` knows it is current.
const config = loadConfig()
try {
  buildH5(config.rootDir, config.h5Dir)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
