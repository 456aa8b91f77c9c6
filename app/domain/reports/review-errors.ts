// Refusals of the management-review writes; the code is a message key under analytics:errors.

export type ReviewErrorCode = 'forbidden' | 'invalid_input' | 'review_not_found' | 'decision_not_found' | 'record_not_found' | 'decision_already_linked';

export class ReviewError extends Error {
  constructor(readonly code: ReviewErrorCode, readonly status: 400 | 403 | 404 | 409 = 400) {
    super(code);
    this.name = 'ReviewError';
  }

  get messageKey() {
    return `analytics:errors.${this.code}`;
  }
}
