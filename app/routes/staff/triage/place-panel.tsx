import { Link } from '@remix-run/react';
import { useT } from '~/i18n/i18n';
import { TextField } from '../ui/form';
import { referSchema } from './schemas';
import { Panel, TriageForm, type ActionState } from './ui';
import type { VoicePageData } from './voice-types';

// A voice whose pin is outside the city's boundary: say so at once, and offer the referral
// (移送) in one step, its destination proposed from the boundary settings. It posts the same
// "refer" intent as the status panel, so the timeline and the audit log record it the same way.
export function OutsideCityPanel({ data, actionData }: { data: VoicePageData; actionData: ActionState | null | undefined }) {
  const { t } = useT();
  const { voice, work, place } = data;
  if (!place?.outside) return null;
  const mayRefer = (work.statusChoices as readonly string[]).includes('referred');
  return (
    <Panel id="outside-city" title={t('place:outside.referTitle')} className="panel--warning">
      <p>{t('place:outside.referLead')}</p>
      {mayRefer ? (
        <TriageForm intent="refer" schema={referSchema} submissionId={voice.id} version={voice.version} actionData={actionData}
          submitLabel={t('place:outside.referButton')} primary>
          {(form) => <TextField form={form} name="referredTo" label={t('place:outside.referredTo')} required defaultValue={place.referTo ?? ''} />}
        </TriageForm>
      ) : null}
    </Panel>
  );
}

/** Open voices within 300 m, nearest first: the same pothole reported twice shows up here. */
export function NearbyVoices({ data }: { data: VoicePageData }) {
  const { t } = useT();
  const { nearby } = data;
  if (!nearby) return null;
  return (
    <section className="nearby-voices" aria-labelledby="nearby-title">
      <h2 id="nearby-title">{t('place:nearby.title', { meters: String(nearby.radius) })}</h2>
      {nearby.voices.length === 0 ? <p className="muted">{t('place:nearby.none')}</p> : (
        <ul>
          {nearby.voices.map((v) => (
            <li key={v.receiptNumber}>
              <Link to={`/staff/voices/${v.receiptNumber}`}>{v.receiptNumber} {v.title}</Link>
              {' '}<span className="muted">{t('place:nearby.distance', { meters: String(v.meters) })} · {t(`domain:status.${v.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
