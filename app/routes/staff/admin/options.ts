import { useT } from '~/i18n/i18n';
import { STAFF_ROLES } from './schemas';

/** The roles as <select> options, in the reader's language. */
export function useRoleOptions() {
  const { t } = useT();
  return STAFF_ROLES.map((r) => ({ value: r, label: t(`domain:role.${r}`) }));
}

/** An empty choice and the given items, for optional <select>s. */
export function withNone(noneLabel: string, items: { id: number; name: string }[]) {
  return [{ value: '', label: noneLabel }, ...items.map((i) => ({ value: String(i.id), label: i.name }))];
}
