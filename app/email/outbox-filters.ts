// The outbox list's status filters; shared by the page (browser) and outbox-admin.server.ts.
export const OUTBOX_FILTERS = ['all', 'pending', 'sending', 'sent', 'kept', 'dead'] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];
