export * from './browser-host';
export { contentSecurityPolicy } from './static-files';
