export * from './result';
export * from './define';
export * from './calls';
export * from './bridge';
