export * from './session-manager';
export * from './session-vault';
export * from './ports';
