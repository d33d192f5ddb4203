export * from './method';
export * from './contract';
