// The kinds of voice in the order residents see them; no zod here, so reading pages that
// only list kinds (published voices) do not ship the form validation.
export const VOICE_KINDS = ['complaint', 'request', 'idea', 'question', 'praise'] as const;
