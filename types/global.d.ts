/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Node's build mode; Taro minifies and drops dev-only code in production. */
    NODE_ENV: 'development' | 'production'
    /** The platform being built; code guarded by `=== 'h5'` is dropped from the weapp bundle. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** Mini-program appid written into dist/weapp/project.config.json (placeholder `touristappid`). */
    TARO_APP_ID?: string
    /** WeChat cloud environment id; empty means the environment the mini-program is deployed with. */
    TARO_APP_CLOUD_ENV: string
    /** Subscribe-message template ids (README); empty: that prompt is not shown. */
    TARO_APP_TEMPLATE_REVIEW: string
    TARO_APP_TEMPLATE_RESULT: string
    TARO_APP_TEMPLATE_BOARD: string
    TARO_APP_TEMPLATE_DUE: string
  }
}
