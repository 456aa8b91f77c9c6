import type { ImprovementListFilters } from '~/domain/improvements/records.server';
import { FINDING_CLASSES, LEVELS, SOURCES, STAGES } from './schemas';
import { parseId } from '~/utils/ids';

// The board's filters as GET parameters (so every view has an address), read on the server
// and turned back into links in the browser.

const pick = <T extends string>(values: readonly T[], v: string | null): T | undefined => (v && (values as readonly string[]).includes(v) ? (v as T) : undefined);

export interface BoardQuery {
  stage: string;
  department: string;
  level: string;
  findingClass: string;
  source: string;
  overdue: boolean;
  archived: boolean;
  view: 'board' | 'list';
  page: number;
}

/** The board's filters, read from GET parameters (so every view has an address). */
export function boardQuery(params: URLSearchParams): { query: BoardQuery; filters: ImprovementListFilters } {
  const page = Math.max(1, Math.min(10_000, Math.trunc(Number(params.get('page')) || 1)));
  const department = parseId(params.get('department'));
  const query: BoardQuery = {
    stage: pick(STAGES, params.get('stage')) ?? '',
    department: department !== null ? String(department) : '',
    level: pick(LEVELS, params.get('level')) ?? '',
    findingClass: pick(FINDING_CLASSES, params.get('findingClass')) ?? '',
    source: pick(SOURCES, params.get('source')) ?? '',
    overdue: params.get('overdue') === '1',
    archived: params.get('archived') === '1',
    view: params.get('view') === 'list' ? 'list' : 'board',
    page,
  };
  const filters: ImprovementListFilters = {
    stage: pick(STAGES, query.stage),
    ownerDepartmentId: query.department ? Number(query.department) : undefined,
    level: pick(LEVELS, query.level),
    findingClass: pick(FINDING_CLASSES, query.findingClass),
    source: pick(SOURCES, query.source),
    overdue: query.overdue ? true : undefined,
    archived: query.archived ? 'only' : 'exclude',
    page,
    pageSize: 25,
  };
  return { query, filters };
}

export function boardLink(query: BoardQuery, changes: Partial<BoardQuery>): string {
  const q = { ...query, ...changes };
  const params = new URLSearchParams();
  if (q.stage) params.set('stage', q.stage);
  if (q.department) params.set('department', q.department);
  if (q.level) params.set('level', q.level);
  if (q.findingClass) params.set('findingClass', q.findingClass);
  if (q.source) params.set('source', q.source);
  if (q.overdue) params.set('overdue', '1');
  if (q.archived) params.set('archived', '1');
  if (q.view === 'list') params.set('view', 'list');
  if (q.page > 1) params.set('page', String(q.page));
  const s = params.toString();
  return s ? `/staff/improvements?${s}` : '/staff/improvements';
}

