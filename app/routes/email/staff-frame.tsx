import type { ReactNode } from 'react';
import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { StaffChrome, StaffErrorContent, type ChromeUser } from '~/routes/staff/ui/chrome';
import staffStylesHref from '~/styles/staff.css?url';

// The mail pages under /staff are declared in email.routes.ts, outside the staff layout
// route, so they draw the same backoffice frame themselves from the layout's own pieces.

export const staffFrameLinks = () => [{ rel: 'stylesheet', href: staffStylesHref }];

export function StaffFrame({ chrome, children }: { chrome: ChromeUser | null; children: ReactNode }) {
  return <StaffChrome user={chrome}>{children}</StaffChrome>;
}

/** 403, 404 and other errors inside the backoffice frame. */
export function StaffFrameError() {
  const error = useRouteError();
  return (
    <StaffChrome user={null}>
      <StaffErrorContent status={isRouteErrorResponse(error) ? error.status : 500} />
    </StaffChrome>
  );
}
