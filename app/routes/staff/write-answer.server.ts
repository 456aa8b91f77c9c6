import { forbidden, notFound } from '~/auth/session.server';
import { DomainError } from '~/domain/errors';

// The one converter from a domain refusal to a page's answer. The domain writes open their own
// transaction (with the audit entry inside it), so a refusal has written nothing; here it only
// becomes either the backoffice's 403 / 404 page or the form's answer with the error's status.

export type WriteOutcome<T, A> = { ok: true; value: T } | { ok: false; response: A };

/**
 * Runs a domain write. A DomainError whose status is in `pages` renders that error page; any
 * other DomainError becomes `answer(error)`. Anything else (a redirect, a real fault) is thrown.
 */
export async function runWrite<T, A>(
  request: Request,
  write: () => Promise<T>,
  answer: (error: DomainError) => A,
  pages: readonly (403 | 404)[] = [403, 404],
): Promise<WriteOutcome<T, A>> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.status === 404 && pages.includes(404)) throw notFound(request);
    if (error.status === 403 && pages.includes(403)) throw forbidden(request);
    return { ok: false, response: answer(error) };
  }
}
