import { data } from '@remix-run/node';
import { runWrite, type WriteOutcome } from '../write-answer.server';
import type { FieldErrors } from '../ui/form-schema';

// How a triage route answers: a refused write is shown on the form that was sent (with the
// domain's message, e.g. the stale-version conflict, and its status: 400, 409); "not found"
// and "forbidden" render the backoffice's 404 and 403 pages.

export interface TriageActionData {
  intent: string;
  errors: FieldErrors | null;
  /** A template's text, for the draft form re-rendered without JavaScript. */
  template?: { id: number; body: string } | null;
  /** A resident's contact details, shown once after the audited "show" request. */
  contact?: Record<string, string | null> | null;
  /** Mail and similar one-off messages (e.g. a note was added). */
  done?: string | null;
}

export function invalid(intent: string, errors: FieldErrors, status = 400) {
  return data<TriageActionData>({ intent, errors }, { status });
}

/** Runs a domain write; a refusal becomes the form's message (or a 404 / 403 page). */
export function runTriage<T>(request: Request, intent: string, write: () => Promise<T>): Promise<WriteOutcome<T, ReturnType<typeof invalid>>> {
  return runWrite(request, write, (error) => invalid(intent, { _form: error.messageKey }, error.status));
}
