export * from './code-table';
export * from './person-codes';
export * from './order-codes';
