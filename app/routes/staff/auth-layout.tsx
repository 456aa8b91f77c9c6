import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, Outlet, useRouteError } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import staffStylesHref from '~/styles/staff.css?url';
import { StaffChrome, StaffErrorContent, staffErrorMeta } from './ui/chrome';

// The frame of the pages before sign-in: login, second step, forgotten password, links.
export const handle = { access: 'public', chrome: 'staff' } satisfies { access: RouteAccess; chrome: string };

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: staffStylesHref }];

// The pages below give their own titles; a page refused below (403, 404) gets its error's.
export const meta: MetaFunction = (args) => staffErrorMeta(args);

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
