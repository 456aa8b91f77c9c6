import type { ReactNode } from 'react';
import { useT } from '~/i18n/i18n';
import { FormMessage } from '../ui/form';
import type { FieldErrors } from '../ui/form-schema';
import { japanDateFormat, japanInstant } from '~/japan-time';

// Pieces shared by the improvement screens: the domain's refusals as a list, option lists
// in the reader's language, and a version field every record form carries.

export interface ActionResult {
  intent?: string;
  errors?: FieldErrors;
  refusals?: string[];
  conflict?: boolean;
  actionId?: number;
}

/** Field errors of the posted form only: the page has many forms. */
export function errorsFor(result: ActionResult | undefined, intent: string): FieldErrors | null {
  return result?.intent === intent ? result.errors ?? null : null;
}

/** The domain's reasons for refusing a post, each in the reader's language. */
export function Refusals({ result, intent }: { result: ActionResult | undefined; intent: string }) {
  const { t } = useT();
  if (!result || result.intent !== intent || !result.refusals?.length) return null;
  return (
    <FormMessage kind="error">
      <p className="refusal-title">{t(result.conflict ? 'improvement:ui.conflictTitle' : 'improvement:ui.refusedTitle')}</p>
      <ul className="refusal-list">
        {result.refusals.map((code) => <li key={code}>{t(`improvement:errors.${code}`)}</li>)}
      </ul>
    </FormMessage>
  );
}

export function useLabelOptions(group: string, values: readonly string[], empty?: string) {
  const { t } = useT();
  const options = values.map((v) => ({ value: v, label: t(`improvement:${group}.${v}`) }));
  return empty === undefined ? options : [{ value: '', label: empty }, ...options];
}

export function idOptions(items: { id: number; name: string }[], empty?: string) {
  const options = items.map((i) => ({ value: String(i.id), label: i.name }));
  return empty === undefined ? options : [{ value: '', label: empty }, ...options];
}

export function VersionField({ version }: { version: number }) {
  return <input type="hidden" name="version" value={version} />;
}

export function Section({ id, title, children, className }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`panel ${className ?? ''}`.trim()} aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

export function formatDate(value: string | Date | null | undefined, language: string): string {
  if (!value) return '—';
  const date = typeof value === 'string' ? japanInstant(value) : value;
  return japanDateFormat(language, { year: 'numeric', month: 'short', day: 'numeric' }).format(date);
}
