import { describe, expect, it } from 'vitest';
import { assertSameOrigin, judgeOrigin } from '~/security/csrf.server';
import { contentSecurityPolicy, securityHeaders } from '~/security/headers.server';
import { redactPath } from '~/server/app';

const config = { APP_URL: 'https://meyasu.example.jp' };
const post = (headers: Record<string, string>, url = 'https://meyasu.example.jp/staff/profile') => new Request(url, { method: 'POST', headers });

describe('the CSRF origin rule', () => {
  it('accepts our origin (configured, or the one the request was addressed to) and same-origin fetches', () => {
    expect(judgeOrigin(post({ Origin: 'https://meyasu.example.jp' }), config)).toBe('same-origin');
    expect(judgeOrigin(post({ Origin: 'http://10.0.0.5:3000' }, 'http://10.0.0.5:3000/staff'), config)).toBe('same-origin');
    expect(judgeOrigin(post({ 'Sec-Fetch-Site': 'same-origin' }), config)).toBe('same-origin');
  });

  it('refuses other sites, sibling subdomains, opaque origins and requests that prove nothing', () => {
    expect(judgeOrigin(post({ Origin: 'https://evil.example' }), config)).toBe('cross-origin');
    expect(judgeOrigin(post({ Origin: 'https://other.example.jp', 'Sec-Fetch-Site': 'same-site' }), config)).toBe('cross-origin');
    expect(judgeOrigin(post({ Origin: 'null' }), config)).toBe('cross-origin');
    expect(judgeOrigin(post({ 'Sec-Fetch-Site': 'cross-site' }), config)).toBe('cross-origin');
    // A forged Origin wins over a same-origin Sec-Fetch-Site claim.
    expect(judgeOrigin(post({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'same-origin' }), config)).toBe('cross-origin');
    expect(judgeOrigin(post({}), config)).toBe('unknown');
    expect(() => assertSameOrigin(post({}), config)).toThrow(Response);
    expect(() => assertSameOrigin(post({ Origin: 'https://meyasu.example.jp' }), config)).not.toThrow();
    expect(() => assertSameOrigin(new Request('https://meyasu.example.jp/staff'), config)).not.toThrow();
  });
});

describe('security headers', () => {
  it('uses the nonce for scripts and forbids framing, plugins and base tags', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123', devServer: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(securityHeaders({ nonce: 'n', production: false, devServer: false })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ nonce: 'n', production: true, devServer: false })['Strict-Transport-Security']).toContain('max-age=31536000');
  });

  it('keeps secret link tokens out of the request log', () => {
    expect(redactPath('/staff/reset-password/AbC_123-xyz')).toBe('/staff/reset-password/[token]');
    expect(redactPath('/staff/invitation/AbC_123-xyz')).toBe('/staff/invitation/[token]');
    expect(redactPath('/track/AbC_123-xyz')).toBe('/track/[token]');
    expect(redactPath('/staff/voices/2026-000001')).toBe('/staff/voices/2026-000001');
  });
});
