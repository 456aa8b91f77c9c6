import { useLanguageOptions } from '~/components/language-switch';
import { Form } from '@remix-run/react';
import { DEFAULT_LANGUAGE, useT } from '~/i18n/i18n';
import { CheckboxField, SelectField, TextAreaField, TextField, TranslationFields, useZodForm } from '../ui/form';
import type { FieldErrors } from '../ui/form-schema';
import { withNone } from './options';
import { categorySchema, counterSchema, departmentSchema, templateSchema } from './schemas';

// The create/edit forms of the admin screens (list page = create, detail page = edit).

type Option = { id: number; name: string };
type Values = Record<string, string | number | boolean | null | undefined | Record<string, string>>;
const translationsOf = (value: Values[string]) => (typeof value === 'object' && value !== null ? value : null);

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export function DepartmentForm({ values, parents, errors, submitLabel }: { values?: Values; parents: Option[]; errors?: FieldErrors | null; submitLabel: string }) {
  const { t } = useT();
  const form = useZodForm(departmentSchema, errors);
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
      <TextField form={form} name="code" label={t('admin:departments.code')} hint={t('admin:codeHint')} required defaultValue={str(values?.code)} spellCheck={false} />
      <SelectField form={form} name="level" label={t('admin:departments.level')} required defaultValue={str(values?.level ?? 'ka')}
        options={[{ value: 'ka', label: t('admin:departments.levels.ka') }, { value: 'bu', label: t('admin:departments.levels.bu') }]} />
      <SelectField form={form} name="parentId" label={t('admin:departments.parent')} defaultValue={str(values?.parentId)}
        options={withNone(t('admin:departments.noParent'), parents)} hint={t('admin:departments.parentHint')} />
      <TextField form={form} name="nameJa" label={t('admin:nameJa')} required defaultValue={str(values?.nameJa)} lang="ja" />
      <TranslationFields form={form} field="name" label={t('admin:name')} values={translationsOf(values?.nameTranslations)} />
      <TextField form={form} name="sortOrder" label={t('admin:sortOrder')} inputMode="numeric" required defaultValue={str(values?.sortOrder ?? 0)} />
      <CheckboxField form={form} name="isReformTeam" label={t('admin:departments.isReformTeam')} defaultChecked={!!values?.isReformTeam}
        hint={t('admin:departments.isReformTeamHint')} />
      <CheckboxField form={form} name="active" label={t('admin:active')} defaultChecked={values ? !!values.active : true} />
      <button type="submit" name="intent" value="save" className="button button--primary">{submitLabel}</button>
    </Form>
  );
}

export function CategoryForm({ values, departments, errors, submitLabel }: { values?: Values; departments: Option[]; errors?: FieldErrors | null; submitLabel: string }) {
  const { t } = useT();
  const form = useZodForm(categorySchema, errors);
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
      <TextField form={form} name="code" label={t('admin:categories.code')} hint={t('admin:codeHint')} required defaultValue={str(values?.code)} spellCheck={false} />
      <TextField form={form} name="nameJa" label={t('admin:nameJa')} required defaultValue={str(values?.nameJa)} lang="ja" />
      <TranslationFields form={form} field="name" label={t('admin:name')} values={translationsOf(values?.nameTranslations)} />
      <SelectField form={form} name="defaultDepartmentId" label={t('admin:categories.routing')} defaultValue={str(values?.defaultDepartmentId)}
        options={withNone(t('admin:categories.reformTeam'), departments)} hint={t('admin:categories.routingHint')} />
      <TextField form={form} name="replyTargetDays" label={t('admin:categories.replyTargetDays')} inputMode="numeric" required
        defaultValue={str(values?.replyTargetDays ?? 10)} hint={t('admin:categories.replyTargetDaysHint')} />
      <TextField form={form} name="sortOrder" label={t('admin:sortOrder')} inputMode="numeric" required defaultValue={str(values?.sortOrder ?? 0)} />
      <CheckboxField form={form} name="active" label={t('admin:active')} defaultChecked={values ? !!values.active : true} />
      <button type="submit" name="intent" value="save" className="button button--primary">{submitLabel}</button>
    </Form>
  );
}

export function TemplateForm({ values, errors, submitLabel }: { values?: Values & { id?: number }; errors?: FieldErrors | null; submitLabel: string }) {
  const { t } = useT();
  const languageOptions = useLanguageOptions();
  const form = useZodForm(templateSchema, errors);
  const suffix = values?.id ? `-${values.id}` : '-new';
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
      {values?.id ? <input type="hidden" name="templateId" value={values.id} /> : null}
      <TextField form={form} name="title" id={`template-title${suffix}`} label={t('admin:templates.titleLabel')} required defaultValue={str(values?.title)} />
      <TextAreaField form={form} name="body" id={`template-body${suffix}`} label={t('admin:templates.body')} required defaultValue={str(values?.body)} rows={6} />
      <SelectField form={form} name="language" id={`template-language${suffix}`} label={t('staff:profile.language')} defaultValue={str(values?.language ?? DEFAULT_LANGUAGE)}
        options={languageOptions} />
      <CheckboxField form={form} name="active" id={`template-active${suffix}`} label={t('admin:active')} defaultChecked={values ? !!values.active : true} />
      <button type="submit" name="intent" value="template" className="button">{submitLabel}</button>
    </Form>
  );
}

export function CounterForm({ values, departments, errors, submitLabel }: { values?: Values; departments: Option[]; errors?: FieldErrors | null; submitLabel: string }) {
  const { t } = useT();
  const form = useZodForm(counterSchema, errors);
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="stack">
      <TextField form={form} name="slug" label={t('admin:counters.slug')} hint={t('admin:counters.slugHint')} required defaultValue={str(values?.slug)} spellCheck={false} />
      <TextField form={form} name="nameJa" label={t('admin:nameJa')} required defaultValue={str(values?.nameJa)} lang="ja" />
      <TranslationFields form={form} field="name" label={t('admin:name')} values={translationsOf(values?.nameTranslations)} />
      <SelectField form={form} name="departmentId" label={t('admin:counters.department')} required defaultValue={str(values?.departmentId)}
        options={withNone(t('admin:choose'), departments)} />
      <TextField form={form} name="locationJa" label={t('admin:counters.locationJa')} defaultValue={str(values?.locationJa)} lang="ja" />
      <TranslationFields form={form} field="location" label={t('admin:counters.location')} values={translationsOf(values?.locationTranslations)} />
      <CheckboxField form={form} name="active" label={t('admin:active')} defaultChecked={values ? !!values.active : true} />
      <button type="submit" name="intent" value="save" className="button button--primary">{submitLabel}</button>
    </Form>
  );
}
