import { useFigures } from './format';

// When the figures were computed: the rollups are refreshed every few minutes, so every page
// that reads them says as of when (docs/decisions/analytics-rollups.md).

export function AsOf({ asOf, note = 'rollups.note', notYet = 'rollups.notYet' }: { asOf: string | null; note?: string; notYet?: string }) {
  const { t } = useFigures();
  return (
    <div className="analytics-as-of">
      <p><strong>{asOf ? t('rollups.asOf', { date: asOf }) : t(notYet)}</strong></p>
      <p className="muted">{t(note)}</p>
    </div>
  );
}
