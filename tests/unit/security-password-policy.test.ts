import { describe, expect, it } from 'vitest';
import { passwordProblem } from '~/auth/password-policy.server';
import { newPasswordField } from '~/auth/password-rules';

// NIST SP 800-63B: length and a blocklist, no composition rules.

const context = { email: 'hanako.sato@sakuradai.example.jp', displayName: '佐藤 花子', cityNames: ['さくら台市', 'Sakuradai City'] };

describe('password policy', () => {
  it('accepts long passphrases of any kind, with no rules about symbols or capitals', () => {
    for (const ok of ['correct horse battery staple', 'いつも窓口は混んでいますね', 'ilikegreentea and rice', 'Tr0ub4dor&3-long-enough']) {
      expect(passwordProblem(ok, context), ok).toBeNull();
    }
  });

  it('needs at least 12 characters, counted as people count them (emoji and kanji are one each)', () => {
    expect(passwordProblem('shortpass', context)).toBe('tooShort');
    expect(passwordProblem('川沿いの桜並木を歩く春', context)).toBe('tooShort'); // 11
    expect(passwordProblem('川沿いの桜並木を歩く春の日', context)).toBeNull(); // 13
    expect(passwordProblem('x'.repeat(257), context)).toBe('tooLong');
    expect(newPasswordField.safeParse('short').success).toBe(false);
    expect(newPasswordField.safeParse('long enough passphrase').success).toBe(true);
  });

  it('refuses common passwords, also with digits or symbols added and in full-width letters', () => {
    for (const common of ['password1234', 'Password2024!', 'iloveyou1234', 'ｐａｓｓｗｏｒｄ１２３４', 'qwertyuiop12', '123456789012', 'sakura123456']) {
      expect(passwordProblem(common, context), common).toBe('common');
    }
  });

  it('refuses repetitions and runs', () => {
    expect(passwordProblem('aaaaaaaaaaaa', context)).toBe('repetitive');
    expect(passwordProblem('abcabcabcabc', context)).toBe('repetitive');
    expect(passwordProblem('abcdefghijklm', context)).toBe('sequence');
    expect(passwordProblem('asdfghjklzxcv', context)).toBe('sequence');
    expect(passwordProblem('zyxwvutsrqpo', context)).toBe('sequence');
  });

  it('refuses passwords built from the app, the city or the person', () => {
    for (const guessable of ['sakuradai2026!', 'meyasu-meyasu', 'hanako.sato.99', 'さくら台市さくら台市2026', 'Sakuradai City 1']) {
      expect(passwordProblem(guessable, context), guessable).toBe('contextual');
    }
    // A long passphrase that merely mentions the city is fine.
    expect(passwordProblem('sakuradai has the best cherry trees', context)).toBeNull();
  });
});
