import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { ZodType, ZodTypeDef } from 'zod';
import { useT } from '~/i18n/i18n';

// Small pieces every resident form shares: labelled fields with hints and errors tied to
// the control (aria-describedby), and an error summary that links to each field.

/**
 * react-hook-form's resolver over one of our zod schemas: the schema's first message per field,
 * exactly as the server's `fieldErrors` reports them. (A few lines instead of
 * @hookform/resolvers' generic resolver, which costs the send page over a kilobyte.)
 */
export function schemaResolver<Input extends FieldValues, Output>(schema: ZodType<Output, ZodTypeDef, Input>): Resolver<Input, unknown, Output> {
  return (values) => {
    const result = schema.safeParse(values);
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'form')] ??= { type: issue.code, message: issue.message };
    return { values: {}, errors: errors as FieldErrors<Input> };
  };
}

/** The first message under a field of react-hook-form's (possibly nested) errors. */
export function messageOf(errors: FieldErrors | undefined, field: string): string | undefined {
  const walk = (node: unknown): string | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    const message = (node as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return message;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'ref' || key === 'type' || key === 'types') continue;
      const found = walk(child);
      if (found) return found;
    }
    return undefined;
  };
  return walk(errors?.[field]);
}

/**
 * Server errors stay on screen until the resident submits again; then the browser's own
 * check (same schema, same messages) takes over.
 */
export function useServerErrors(serverErrors: Partial<Record<string, string>> | undefined) {
  const [dismissed, setDismissed] = useState<typeof serverErrors>(undefined);
  const current = serverErrors && serverErrors !== dismissed ? serverErrors : {};
  return { serverErrors: current, dismissServerErrors: () => setDismissed(serverErrors) };
}

export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list === '' ? undefined : list;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  const { t } = useT();
  if (!message) return null;
  return (
    <p className="field-error" id={id} data-field-error>
      <span aria-hidden="true">⚠ </span>
      {t(message)}
    </p>
  );
}

export function RequiredMark({ required }: { required?: boolean }) {
  const { t } = useT();
  return <span className={required ? 'tag tag--required' : 'tag'}>{t(required ? 'citizen:required' : 'citizen:optional')}</span>;
}

export interface SummaryItem {
  field: string;
  message: string;
  /** The id of the control to jump to. */
  target: string;
}

/** Lists every problem with a link to its field; takes focus when it appears after a submit. */
export function ErrorSummary({ items, focusKey }: { items: SummaryItem[]; focusKey: unknown }) {
  const { t } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (items.length > 0) heading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focus once per submit, not per keystroke
  }, [focusKey]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert">
      <h2 ref={heading} tabIndex={-1}>{t('citizen:errorSummary.title', { count: items.length })}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.field}>
            <a href={`#${item.target}`}>{t(item.message)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return <p className="field-hint" id={id}>{children}</p>;
}
