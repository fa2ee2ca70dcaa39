import { handleApiCall } from '../../../backend/router'
import { createCloudDeps, loadCloud } from '../../../backend/cloud-deps'
import type { Deps } from '../../../backend/deps'

let deps: Deps | undefined

/** The `api` cloud function: the caller is the OPENID WeChat puts in the context, never the payload. */
export async function main(event: unknown) {
  const cloud = loadCloud()
  deps ??= createCloudDeps(cloud)
  const { OPENID } = cloud.getWXContext()
  return handleApiCall(event, OPENID || null, deps)
}
