export * from './template';
export * from './render';
export { isPortableFileName, sanitizeFragment } from './sanitize';
