import { useRef } from 'react';
import { Form, useNavigation, useSubmit } from '@remix-run/react';
import { useForm } from 'react-hook-form';
import { useT } from '~/i18n/i18n';
import { COMMENT_MAX, RESOLVED_VALUES, SCORES, ratingFormSchema, type RatingForm, type RatingFormInput } from '~/domain/ratings';
import { ErrorSummary, FieldError, Hint, describedBy, messageOf, schemaResolver, useServerErrors } from './form-fields';
import { ChoiceGroup } from './score-choices';

/** The reply rating on the tracking page: resolved?, 1–5, comment. Works without JavaScript. */
export function RatingFormView({ values, serverErrors: fromServer }: { values: Partial<Record<string, string>>; serverErrors?: Partial<Record<string, string>> }) {
  const { t } = useT();
  const submit = useSubmit();
  const busy = useNavigation().state === 'submitting';
  const formRef = useRef<HTMLFormElement>(null);
  const { serverErrors, dismissServerErrors } = useServerErrors(fromServer);
  const form = useForm<RatingFormInput, unknown, RatingForm>({
    resolver: schemaResolver(ratingFormSchema),
    shouldFocusError: false,
    defaultValues: { resolved: values.resolved ?? null, satisfaction: values.satisfaction ?? null, comment: values.comment ?? '' },
  });
  const errorOf = (field: string) => messageOf(form.formState.errors, field) ?? serverErrors[field];
  const targets: Record<string, string> = { resolved: 'rating-resolved-yes', satisfaction: 'rating-satisfaction-1', comment: 'rating-comment', form: 'rating-resolved-yes' };
  const summary = ['resolved', 'satisfaction', 'comment', 'form']
    .map((field) => ({ field, message: errorOf(field), target: targets[field]! }))
    .filter((i): i is { field: string; message: string; target: string } => !!i.message);
  const onSubmit = form.handleSubmit(() => {
    dismissServerErrors();
    if (formRef.current) submit(formRef.current, { method: 'post' });
  }, () => dismissServerErrors());
  const commentError = errorOf('comment');
  return (
    <section className="panel" aria-labelledby="rating-title">
      <h2 id="rating-title">{t('citizen:rating.title')}</h2>
      <p>{t('citizen:rating.lead')}</p>
      <Form method="post" noValidate ref={formRef} onSubmit={onSubmit}>
        <ErrorSummary items={summary} focusKey={`${form.formState.submitCount}:${String(!!fromServer)}`} />
        <input type="hidden" name="intent" value="rate" />
        <ChoiceGroup
          name="resolved" idPrefix="rating" legend={t('citizen:rating.resolvedLegend')} options={RESOLVED_VALUES}
          labelKey={(o) => `citizen:rating.resolved.${o}`} error={errorOf('resolved')} register={form.register('resolved')} checked={values.resolved}
        />
        <ChoiceGroup
          name="satisfaction" idPrefix="rating" legend={t('citizen:rating.satisfactionLegend')} hint={t('citizen:rating.satisfactionHint')}
          options={SCORES} labelKey={(o) => `citizen:rating.scale.${o}`} error={errorOf('satisfaction')} register={form.register('satisfaction')}
          checked={values.satisfaction}
        />
        <div className="field">
          <label htmlFor="rating-comment">{t('citizen:rating.commentLabel')}</label>
          <Hint id="rating-comment-hint">{t('citizen:rating.commentHint', { max: COMMENT_MAX })}</Hint>
          <FieldError id="rating-comment-error" message={commentError} />
          <textarea
            id="rating-comment" rows={4} defaultValue={values.comment ?? ''} aria-invalid={commentError ? true : undefined}
            aria-describedby={describedBy('rating-comment-hint', commentError && 'rating-comment-error')} {...form.register('comment')}
          />
        </div>
        <p><button type="submit" className="button button--primary" disabled={busy}>{t('citizen:rating.submit')}</button></p>
      </Form>
    </section>
  );
}
