import type { ReactNode } from 'react';
import { Form } from '@remix-run/react';
import type { z } from 'zod';
import { useT } from '~/i18n/i18n';
import { FormMessage, useZodForm, type ZodForm } from '../ui/form';
import type { FieldErrors } from '../ui/form-schema';

// The building block of the voice page's forms: a plain post (works without JavaScript) with
// the voice's id and the version that was read, its schema checked in the browser first, and
// the refusal of *this* form (e.g. "someone else updated this voice first") shown on it.

export interface ActionState {
  intent: string;
  errors: FieldErrors | null;
  template?: { id: number; body: string } | null;
  contact?: Record<string, string | null> | null;
  done?: string | null;
}

export interface TriageFormProps {
  intent: string;
  schema: z.ZodTypeAny;
  submissionId: number;
  version?: number;
  replyId?: number;
  action?: string;
  actionData: ActionState | null | undefined;
  submitLabel: string;
  primary?: boolean;
  className?: string;
  /** Extra hidden fields (e.g. the status to change to). */
  hidden?: Record<string, string>;
  /** Another submit (e.g. "use template") placed before the main one. */
  extraButtons?: ReactNode;
  children?: (form: ZodForm) => ReactNode;
  formRef?: React.Ref<HTMLFormElement>;
  /** Changes of any field, bubbling up (e.g. a template chosen fills the draft). */
  onFieldChange?: (event: React.FormEvent<HTMLFormElement>) => void;
}

/** True when the last post came from one of these forms (its panel stays unfolded to show the answer). */
export function intentIn(actionData: ActionState | null | undefined, intents: readonly string[]): boolean {
  return !!actionData && intents.includes(actionData.intent.split(':')[0]!);
}

/** The errors of one form: its intent, plus the reply id when there is one form per reply. */
export function errorsFor(actionData: ActionState | null | undefined, intent: string, replyId?: number): FieldErrors | null {
  const label = replyId !== undefined ? `${intent}:${replyId}` : intent;
  return actionData && actionData.intent === label ? actionData.errors : null;
}

export function TriageForm(props: TriageFormProps) {
  const { t } = useT();
  const errors = errorsFor(props.actionData, props.intent, props.replyId);
  const form = useZodForm(props.schema, errors);
  return (
    <Form method="post" action={props.action} noValidate onSubmit={form.onSubmit} className={`stack ${props.className ?? ''}`.trim()} ref={props.formRef}
      onChange={props.onFieldChange}>
      {errors?._form ? <FormMessage kind="error">{t(errors._form)}</FormMessage> : null}
      <input type="hidden" name="submissionId" value={props.submissionId} />
      {props.version !== undefined ? <input type="hidden" name="version" value={props.version} /> : null}
      {props.replyId !== undefined ? <input type="hidden" name="replyId" value={props.replyId} /> : null}
      {Object.entries(props.hidden ?? {}).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      {props.children?.(form)}
      <div className="button-row">
        {props.extraButtons}
        <button type="submit" name="intent" value={props.intent} className={props.primary ? 'button button--primary' : 'button'}>{props.submitLabel}</button>
      </div>
    </Form>
  );
}

export interface PanelProps {
  id: string;
  title: string;
  children: ReactNode;
  className?: string;
  /**
   * A group of actions folded to its one-line heading until used (<details>, so it opens with
   * Enter or Space and without JavaScript). `open` unfolds it when it is this person's next step.
   */
  collapsible?: boolean;
  open?: boolean;
  /** A few words beside the folded heading: what is inside or what waits. */
  summary?: string;
}

/** A section of the voice page with a heading id for aria-labelledby; optionally folded. */
export function Panel({ id, title, children, className, collapsible, open, summary }: PanelProps) {
  const classes = `panel ${collapsible ? 'panel--fold' : ''} ${className ?? ''}`.replace(/\s+/g, ' ').trim();
  if (!collapsible) {
    return (
      <section className={classes} aria-labelledby={`${id}-title`} id={id}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
      </section>
    );
  }
  return (
    <section className={classes} aria-labelledby={`${id}-title`} id={id}>
      <details open={open}>
        <summary>
          <h2 id={`${id}-title`}>{title}</h2>
          {summary ? <span className="panel__summary">{summary}</span> : null}
        </summary>
        <div className="panel__body">{children}</div>
      </details>
    </section>
  );
}

/** Overdue is said in words (and styled), never by colour alone. */
export function DueDate({ date, overdue }: { date: string | null; overdue: boolean }) {
  const { t } = useT();
  if (!date) return <>—</>;
  return overdue ? <span className="due due--overdue">{`${date} `}<strong>{t('triage:overdue')}</strong></span> : <span className="due">{date}</span>;
}
