/** The shared domain: pure TypeScript used by the station, the renderer and the registry alike. */
export * from './errors';
export * from './codes';
export * from './forms';
export * from './order';
export * from './validation';
export * from './naming';
export * from './util/dates';
export * from './util/typed-date';
