import { DomainError, type DomainErrorStatus } from '../errors';

// Refusals of the management-review writes; the code is a message key under analytics:errors.

export type ReviewErrorCode = 'forbidden' | 'invalid_input' | 'review_not_found' | 'decision_not_found' | 'record_not_found' | 'decision_already_linked';

export class ReviewError extends DomainError<ReviewErrorCode> {
  constructor(code: ReviewErrorCode, status: DomainErrorStatus = 400) {
    super('analytics', code, { status });
    this.name = 'ReviewError';
  }
}
