import { hash, verify } from '@node-rs/argon2';
import { normalizePassword } from './password-rules';

/** OWASP's argon2id minimum: 19 MiB memory, 2 passes, 1 lane. */
// algorithm 2 is Argon2id in @node-rs/argon2's (const) enum.
const ARGON2_PARAMS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2_PARAMS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, normalizePassword(password));
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters and should be redone at login. */
export function needsRehash(storedHash: string): boolean {
  const expected = `$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}$`;
  return !storedHash.startsWith(expected);
}
