import { describe, expect, it } from 'vitest';
import { assertSameOrigin, csrfDecision, judgeOrigin } from '~/security/csrf.server';
import { isStaffPath } from '~/security/request-paths';
import { contentSecurityPolicy, securityHeaders } from '~/security/headers.server';
import { redactPath } from '~/server/app';

const config = { APP_URL: 'https://meyasu.example.jp' };
const post = (headers: Record<string, string>, url = 'https://meyasu.example.jp/staff/profile') => new Request(url, { method: 'POST', headers });

describe('the CSRF origin rule', () => {
  it('accepts our origin (configured, or the one the request was addressed to) and same-origin fetches', () => {
    expect(judgeOrigin(post({ Origin: 'https://meyasu.example.jp' }), config)).toBe('same-origin');
    expect(judgeOrigin(post({ Origin: 'http://10.0.0.5:3000' }, 'http://10.0.0.5:3000/staff'), config)).toBe('same-origin');
    expect(judgeOrigin(post({ 'Sec-Fetch-Site': 'same-origin' }), config)).toBe('same-origin');
    // Our own page sent with a strict referrer policy: Chromium posts with Origin: null.
    expect(judgeOrigin(post({ Origin: 'null', 'Sec-Fetch-Site': 'same-origin' }), config)).toBe('same-origin');
  });

  it('refuses other sites, sibling subdomains, opaque origins and requests that prove nothing', () => {
    expect(judgeOrigin(post({ Origin: 'https://evil.example' }), config)).toBe('cross-origin');
    expect(judgeOrigin(post({ Origin: 'https://other.example.jp', 'Sec-Fetch-Site': 'same-site' }), config)).toBe('cross-origin');
    expect(judgeOrigin(post({ Origin: 'null' }), config)).toBe('cross-origin');
    expect(judgeOrigin(post({ Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }), config)).toBe('cross-origin');
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
    expect(redactPath('/TRACK/AbC_123-xyz')).toBe('/track/[token]');
    expect(redactPath('/%74rack/AbC_123-xyz')).toBe('/track/[token]');
    expect(redactPath('/mail/stop/12.signature')).toBe('/mail/stop/[token]');
  });
});

describe('the one CSRF policy (every path)', () => {
  it('refuses another site everywhere, proves-nothing posts only in the backoffice, and lets Open311 through', () => {
    expect(csrfDecision('GET', '/staff/inbox', 'cross-origin')).toBe('accept');
    expect(csrfDecision('POST', '/send', 'cross-origin')).toBe('refuse');
    expect(csrfDecision('POST', '/survey/madoguchi', 'cross-origin')).toBe('refuse');
    expect(csrfDecision('POST', '/send', 'unknown')).toBe('accept');
    expect(csrfDecision('POST', '/staff/login', 'unknown')).toBe('refuse');
    expect(csrfDecision('POST', '/STAFF/login', 'unknown')).toBe('refuse');
    expect(csrfDecision('POST', '/%73taff/logout', 'unknown')).toBe('refuse');
    expect(csrfDecision('POST', '/staff.data', 'unknown')).toBe('refuse');
    expect(csrfDecision('POST', '/open311/v2/requests.json', 'cross-origin')).toBe('accept');
    expect(csrfDecision('POST', '/track/abc', 'same-origin')).toBe('accept');
  });
});

describe('backoffice paths as the router reads them', () => {
  it('are recognised in any case and percent-encoding', () => {
    for (const path of ['/staff', '/staff/inbox', '/STAFF/inbox', '/%73taff/inbox', '/%53TAFF', '/Staff/voices/2026-000001', '/staff.data', '/staff/inbox.data']) {
      expect(isStaffPath(path), path).toBe(true);
    }
    for (const path of ['/', '/send', '/staffing', '/voices', '/track/staff', '/%ZZstaff']) expect(isStaffPath(path), path).toBe(false);
  });
});
