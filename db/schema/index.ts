export * from './enums';
export * from './org';
export * from './voices';
export * from './improvement';
export * from './system';
export * from './analytics';
export * from './place';
