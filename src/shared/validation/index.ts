export * from './carpos';
export { LIMITS } from './issue';
