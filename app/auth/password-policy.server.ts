import { COMMON_PASSWORDS } from './common-passwords';
import { normalizePassword, passwordLength, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules';

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'repetitive' | 'sequence' | 'contextual';

/** Words a guesser would try first for this account: the app, the city, the person. */
export interface PasswordContext {
  email?: string | null;
  displayName?: string | null;
  cityNames?: readonly string[];
}

const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0',
  'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん',
];

function lower(password: string): string {
  return normalizePassword(password).toLowerCase();
}

/** The letters of a password without the digits and symbols people add at either end. */
function stem(text: string): string {
  return text.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '');
}

function isCommon(text: string): boolean {
  return COMMON_PASSWORDS.has(text) || COMMON_PASSWORDS.has(stem(text)) || /^\d+$/.test(text);
}

function isRepetitive(text: string): boolean {
  const chars = Array.from(text);
  if (new Set(chars).size <= 3) return true;
  // "abcabcabcabc", "ab12ab12ab12": one short unit repeated.
  return /^(.{1,6}?)\1+$/su.test(text);
}

function isSequence(text: string): boolean {
  if (text.length < 6) return false;
  return RUNS.some((run) => {
    const forward = run.repeat(3);
    const backward = Array.from(forward).reverse().join('');
    return forward.includes(text) || backward.includes(text);
  });
}

function contextWords(context: PasswordContext): string[] {
  const words = new Set(['meyasu', '目安箱', 'めやす']);
  const email = context.email?.toLowerCase() ?? '';
  const [local = '', domain = ''] = email.split('@');
  for (const w of [local, ...local.split(/[._+-]/), ...domain.split('.')]) words.add(w);
  for (const name of [context.displayName ?? '', ...(context.cityNames ?? [])]) {
    const n = lower(name);
    words.add(n.replace(/\s+/g, ''));
    for (const part of n.split(/[\s\u3000]+/)) words.add(part);
    // "Sakuradai City" and "さくら台市": the name without the suffix.
    words.add(n.replace(/\s*(city|town|village)$/u, '').replace(/[市町村]$/u, ''));
  }
  return [...words].filter((w) => Array.from(w).length >= 3 && !['com', 'jp', 'example', 'www', 'city'].includes(w));
}

/** Null when the password may be used; otherwise the reason, for a message in the user's language. */
export function passwordProblem(password: string, context: PasswordContext = {}): PasswordProblem | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (length > PASSWORD_MAX_LENGTH) return 'tooLong';
  const text = lower(password);
  const compact = text.replace(/\s+/g, '');
  if (isCommon(compact)) return 'common';
  if (isRepetitive(compact)) return 'repetitive';
  if (isSequence(compact)) return 'sequence';
  let rest = compact;
  for (const word of contextWords(context).sort((a, b) => b.length - a.length)) rest = rest.split(word).join('');
  if (rest !== compact) {
    const remaining = stem(rest);
    if (Array.from(remaining).length < 8 || isCommon(remaining) || isRepetitive(remaining) || isSequence(remaining)) return 'contextual';
  }
  return null;
}
