import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, Outlet, useRouteError, useRouteLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import staffStylesHref from '~/styles/staff.css?url';
import { StaffChrome, StaffErrorContent, staffErrorMeta } from './ui/chrome';
import { loadStaffChrome } from './ui/chrome.server';

export const handle = { access: { signedIn: true }, chrome: 'staff' } satisfies { access: RouteAccess; chrome: string };

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: staffStylesHref }];

// The pages below give their own titles; a page refused below (403, 404) gets its error's.
export const meta: MetaFunction = (args) => staffErrorMeta(args);

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { user: await loadStaffChrome(request, context) };
}

export function useStaffLayoutData() {
  return useRouteLoaderData<typeof loader>('routes/staff/layout');
}

export default function StaffLayout() {
  const data = useStaffLayoutData();
  return (
    <StaffChrome user={data?.user ?? null}>
      <Outlet />
    </StaffChrome>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useStaffLayoutData();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <StaffChrome user={data?.user ?? null}>
      <StaffErrorContent status={status} />
    </StaffChrome>
  );
}
