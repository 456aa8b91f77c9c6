import type { Permission } from './permissions';

/**
 * Every route module declares who may reach it, as `export const handle = { access }`.
 * The authorization matrix test requests every route of app/routes.ts as every role and
 * as a stranger, and fails when a route declares nothing or behaves otherwise.
 */
export type RouteAccess =
  | 'public'
  | { signedIn: true; permission?: Permission };
