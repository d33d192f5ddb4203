export * from './settings-service';
export { openConfSettings } from './conf-settings';
