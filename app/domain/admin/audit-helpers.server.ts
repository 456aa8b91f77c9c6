/** The fields that differ between two versions of a row, as { field: [before, after] } for the audit log. */
export function changedFields(before: object, after: object): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const previous = before as Record<string, unknown>;
  for (const [key, value] of Object.entries(after)) {
    const old = previous[key];
    const same = old instanceof Date || value instanceof Date ? String(old) === String(value)
      : isMap(old) && isMap(value) ? sameMap(old, value) : old === value;
    if (!same) changes[key] = [old ?? null, value ?? null];
  }
  return changes;
}

type TextMap = Record<string, unknown>;
const isMap = (value: unknown): value is TextMap => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Translations maps are equal whatever their key order (jsonb reorders keys). */
function sameMap(a: TextMap, b: TextMap): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
