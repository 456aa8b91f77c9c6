import type { UseFormRegisterReturn } from 'react-hook-form';
import { useT } from '~/i18n/i18n';
import { FieldError, RequiredMark, describedBy } from './form-fields';

/** A required radio group (1–5 or yes/partly/no) with its error under the legend. */
export function ChoiceGroup({ name, legend, hint, options, labelKey, error, register, checked, idPrefix }: {
  name: string;
  legend: string;
  hint?: string;
  options: readonly string[];
  labelKey: (option: string) => string;
  error: string | undefined;
  register: UseFormRegisterReturn;
  checked?: string;
  idPrefix: string;
}) {
  const { t } = useT();
  const errorId = `${idPrefix}-${name}-error`;
  const hintId = `${idPrefix}-${name}-hint`;
  return (
    <fieldset className="field" aria-describedby={describedBy(hint && hintId, error && errorId)}>
      <legend>{legend} <RequiredMark required /></legend>
      {hint ? <p className="field-hint" id={hintId}>{hint}</p> : null}
      <FieldError id={errorId} message={error} />
      <div className="choice-list choice-list--inline">
        {options.map((option) => (
          <label key={option} className="choice" htmlFor={`${idPrefix}-${name}-${option}`}>
            <input type="radio" id={`${idPrefix}-${name}-${option}`} value={option} defaultChecked={checked === option} {...register} />
            {t(labelKey(option))}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
