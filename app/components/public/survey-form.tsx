import { useRef } from 'react';
import { Form, useNavigation, useSubmit } from '@remix-run/react';
import { useForm } from 'react-hook-form';
import { useT } from '~/i18n/i18n';
import { COMMENT_MAX, SCORES } from '~/domain/ratings';
import { SURVEY_QUESTIONS, counterSurveySchema, type CounterSurvey, type CounterSurveyInput } from '~/domain/counter-survey';
import { ErrorSummary, FieldError, Hint, describedBy, messageOf, schemaResolver, useServerErrors } from './form-fields';
import { ChoiceGroup } from './score-choices';

/** 窓口アンケート: four 1–5 questions and a comment; a plain POST without JavaScript. */
export function SurveyFormView({ values, serverErrors: fromServer }: { values: Partial<Record<string, string>>; serverErrors?: Partial<Record<string, string>> }) {
  const { t } = useT();
  const submit = useSubmit();
  const busy = useNavigation().state === 'submitting';
  const formRef = useRef<HTMLFormElement>(null);
  const { serverErrors, dismissServerErrors } = useServerErrors(fromServer);
  const form = useForm<CounterSurveyInput, unknown, CounterSurvey>({
    resolver: schemaResolver(counterSurveySchema),
    shouldFocusError: false,
    defaultValues: {
      speed: values.speed ?? null, courtesy: values.courtesy ?? null, clarity: values.clarity ?? null, overall: values.overall ?? null,
      comment: values.comment ?? '',
    },
  });
  const errorOf = (field: string) => messageOf(form.formState.errors, field) ?? serverErrors[field];
  const summary = [...SURVEY_QUESTIONS, 'comment']
    .map((field) => ({ field, message: errorOf(field), target: field === 'comment' ? 'survey-comment' : `survey-${field}-1` }))
    .filter((i): i is { field: string; message: string; target: string } => !!i.message);
  const onSubmit = form.handleSubmit(() => {
    dismissServerErrors();
    if (formRef.current) submit(formRef.current, { method: 'post' });
  }, () => dismissServerErrors());
  const commentError = errorOf('comment');
  return (
    <Form method="post" noValidate ref={formRef} onSubmit={onSubmit}>
      <ErrorSummary items={summary} focusKey={`${form.formState.submitCount}:${String(!!fromServer)}`} />
      {SURVEY_QUESTIONS.map((question) => (
        <ChoiceGroup
          key={question} name={question} idPrefix="survey" legend={t(`citizen:survey.${question}`)} options={SCORES}
          labelKey={(o) => `citizen:survey.scale.${o}`} error={errorOf(question)} register={form.register(question)} checked={values[question]}
        />
      ))}
      <div className="field">
        <label htmlFor="survey-comment">{t('citizen:survey.commentLabel')}</label>
        <Hint id="survey-comment-hint">{t('citizen:survey.commentHint', { max: COMMENT_MAX })}</Hint>
        <FieldError id="survey-comment-error" message={commentError} />
        <textarea
          id="survey-comment" rows={4} defaultValue={values.comment ?? ''} aria-invalid={commentError ? true : undefined}
          aria-describedby={describedBy('survey-comment-hint', commentError && 'survey-comment-error')} {...form.register('comment')}
        />
      </div>
      <p><button type="submit" className="button button--primary button--wide" disabled={busy}>{t('citizen:survey.submit')}</button></p>
    </Form>
  );
}
