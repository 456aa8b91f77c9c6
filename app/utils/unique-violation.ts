// PostgreSQL's unique_violation, recognised the same way wherever a write may race another.

/** True for a unique-constraint violation, on either driver (drizzle may wrap the driver error). */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (typeof current === 'object' && current !== null && (current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
