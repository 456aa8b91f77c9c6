import type { LinksFunction } from '@remix-run/node';
import { isRouteErrorResponse, Outlet, useRouteError } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import staffStylesHref from '~/styles/staff.css?url';
import { StaffChrome, StaffErrorContent } from './ui/chrome';

// The frame of the pages before sign-in: login, second step, forgotten password, links.
export const handle = { access: 'public', chrome: 'staff' } satisfies { access: RouteAccess; chrome: string };

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: staffStylesHref }];

export default function AuthLayout() {
  return (
    <StaffChrome user={null}>
      <div className="auth-card">
        <Outlet />
      </div>
    </StaffChrome>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <StaffChrome user={null}>
      <StaffErrorContent status={isRouteErrorResponse(error) ? error.status : 500} />
    </StaffChrome>
  );
}
