export * from './primitives';
export * from './schema';
export * from './order-type';
export * from './lifecycle';
export * from './clone';
export * from './field-authority';
