export * from './enums';
export * from './org';
export * from './voices';
export * from './improvement';
export * from './system';
export * from './analytics';
