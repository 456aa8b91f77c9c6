import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '~/utils/safe-redirect';

describe('safeRedirectPath', () => {
  it.each(['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/ok\nSet-Cookie:x', ''])(
    'refuses %j', (to) => expect(safeRedirectPath(to, '/home')).toBe('/home'));
  it('keeps same-site paths', () => expect(safeRedirectPath('/staff/inbox?page=2', '/')).toBe('/staff/inbox?page=2'));
});
