/** The registry's HTTP contract (request and response schemas), shared by the registry and the station. */
export * from './problem';
export * from './auth';
export * from './orders';
export * from './search';
export * from './sync';
export * from './admin';
export * from './carpos';
export * from './station';
export * from './station-audit';
