export * from './method';
export * from './contract';
export * from './events';
export * from './session';
export * from './settings';
export * from './scan';
export * from './sync';
export * from './registry';
