import type { FindingCounts, FindingTable } from '~/domain/analytics/finding-table.server';
import { useFigures } from './format';

// 発生状況まとめ (Naha): rows 課 (with their 部), columns the seven finding classes, the audits
// they came from and the kinds of voice, with row and column totals.

const FINDING_CLASSES = ['nonconformity', 'potential_nonconformity', 'request', 'opportunity', 'minor_fix', 'recommendation', 'minor_nonconformity'] as const;
const VOICE_KINDS = ['idea', 'complaint', 'request', 'question', 'praise'] as const;

export function FindingTableView({ table, caption }: { table: FindingTable; caption: string }) {
  const f = useFigures();
  const { t } = f;
  const cells = (c: FindingCounts) => [
    ...FINDING_CLASSES.map((k) => c.findings[k]), c.findingsTotal, c.internalAudit, c.externalAudit,
    ...VOICE_KINDS.map((k) => c.voices[k]), c.voicesTotal,
  ].map((n, i) => <td key={i}>{f.num(n)}</td>);
  return (
    <div className="table-wrap">
      <table className="data-table figure-table finding-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>{t('figures.bu')}</th>
            <th scope="col" rowSpan={2}>{t('figures.department')}</th>
            <th scope="colgroup" colSpan={FINDING_CLASSES.length + 3}>{t('findingTable.findings')}</th>
            <th scope="colgroup" colSpan={VOICE_KINDS.length + 1}>{t('findingTable.voices')}</th>
          </tr>
          <tr>
            {FINDING_CLASSES.map((k) => <th key={k} scope="col">{t(`findingClass.${k}`)}</th>)}
            <th scope="col">{t('findingTable.findingsTotal')}</th>
            <th scope="col">{t('findingTable.internalAudit')}</th>
            <th scope="col">{t('findingTable.externalAudit')}</th>
            {VOICE_KINDS.map((k) => <th key={k} scope="col">{t(`domain:kind.${k}`)}</th>)}
            <th scope="col">{t('findingTable.voicesTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.departmentId ?? 'none'}>
              <td className="text">{r.buNameJa || r.buNameTranslations ? f.name({ nameJa: r.buNameJa, nameTranslations: r.buNameTranslations }) : ''}</td>
              <th scope="row">{f.name(r)}</th>
              {cells(r)}
            </tr>
          ))}
          <tr className="figure-table__total">
            <th scope="row" colSpan={2}>{t('figures.total')}</th>
            {cells(table.totals)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
