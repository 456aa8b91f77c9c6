import { expect } from 'vitest';

// Helpers for backoffice tests that go through the real Remix handler (createTestApp).

export const TEST_ORIGIN = 'http://localhost:3000';

type Fetcher = { fetch(path: string, init?: RequestInit): Promise<Response> };

/** A same-origin form post, as a browser sends it (Origin header included). */
export function postForm(fields: Record<string, string>, options: { cookie?: string; headers?: Record<string, string> } = {}): RequestInit {
  return {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      // Remix compares Origin with Host before any action runs; a browser always sends both.
      Host: new URL(TEST_ORIGIN).host,
      Origin: TEST_ORIGIN,
      'Sec-Fetch-Site': 'same-origin',
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...options.headers,
    },
    redirect: 'manual',
  };
}

/** The "name=value" part of a Set-Cookie header, for the next request's Cookie header. */
export function cookieFrom(response: Response, name = 'meyasu_session'): string | null {
  const header = response.headers.get('set-cookie');
  if (!header) return null;
  const match = header.split(/,(?=\s*[A-Za-z_][\w-]*=)/).map((c) => c.trim()).find((c) => c.startsWith(`${name}=`));
  return match ? match.split(';')[0]! : null;
}

/** Signs in through POST /staff/login and returns the session cookie. */
export async function signIn(app: Fetcher, email: string, password: string): Promise<string> {
  const response = await app.fetch('/staff/login', postForm({ email, password, redirectTo: '/staff' }));
  expect(response.status, `sign-in of ${email}`).toBe(302);
  const cookie = cookieFrom(response);
  expect(cookie, `session cookie for ${email}`).toBeTruthy();
  return cookie!;
}

export function get(app: Fetcher, path: string, cookie?: string, headers: Record<string, string> = {}): Promise<Response> {
  return app.fetch(path, { headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers }, redirect: 'manual' });
}
