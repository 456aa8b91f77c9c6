import type { ReactElement } from 'react';
import type { z } from 'zod';
import type { Translate } from '~/i18n/i18n';

/** What a template knows besides its payload; filled in at send time, never stored. */
export interface RenderContext {
  language: string;
  /** Public address of this installation; payloads hold paths and tokens, never hosts. */
  appUrl: string;
  cityName: string;
  /** Resident mail only: the signed link that stops non-essential mail for the voice. */
  stopUrl?: string;
}

interface TemplateProps<P> {
  payload: P;
  t: Translate;
  ctx: RenderContext;
}

export interface EmailTemplate<P> {
  audience: 'resident' | 'staff';
  /**
   * Essential mail (a receipt, a reply, sign-in mail) always goes out; non-essential mail is
   * not sent to a resident who stopped it with the link in a mail.
   */
  essential: boolean;
  schema: z.ZodType<P, z.ZodTypeDef, unknown>;
  /** Payload fields that open something (tracking links, sign-in links): removed once sent. */
  secretFields: readonly (keyof P & string)[];
  subject(t: Translate, payload: P, ctx: RenderContext): string;
  Component(props: TemplateProps<P>): ReactElement;
  /** A believable payload for previews and the template test, worded by `t` (the email files' samples). */
  sample(t: Translate): P;
}

export function defineTemplate<P>(template: EmailTemplate<P>): EmailTemplate<P> {
  return template;
}
