import { randomUUID } from 'node:crypto';
import { Resend } from 'resend';
import type { Logger } from '~/logger.server';

interface MailMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The outbox row's key: the provider drops a repeat of a send whose answer we lost. */
  idempotencyKey: string;
  headers?: Record<string, string>;
  /** Sign-in links of staff mail (password reset, invitation), for the demo console only. */
  secretLinks?: string[];
}

/** Where mail goes: Resend, or nowhere but the outbox (offline demo, no API key). */
export interface MailTransport {
  kind: 'provider' | 'kept';
  send(message: MailMessage): Promise<{ id: string }>;
}

/** A failed send. Transient ones (5xx, 429, timeout, network) are retried; others are dead letters. */
export class MailSendError extends Error {
  override name = 'MailSendError';
  constructor(message: string, readonly transient: boolean, readonly status: number | null = null) {
    super(message);
  }
}

export const KEPT_PREFIX = 'kept:';

/** "h***@example.com": enough to tell messages apart in a log, without a resident's address. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}***${address.slice(at)}` : '***';
}

export interface KeptTransportOptions {
  /**
   * Print the sign-in links of kept staff mail to the console, so that the embedded demo
   * (`npm start`, no mail provider) stays usable. Never on a shared database: staff pages
   * never show these links (docs/decisions/security-secret-links-in-mail.md).
   */
  printSecretLinks?: boolean;
  print?: (line: string) => void;
}

/**
 * Keeps messages in the outbox (marked sent, provider id "kept:…") and logs them. The outbox
 * shows them without their secret links.
 */
export function createKeptTransport(logger: Logger, options: KeptTransportOptions = {}): MailTransport {
  const print = options.print ?? ((line: string) => console.log(line));
  return {
    kind: 'kept',
    async send(message) {
      const id = `${KEPT_PREFIX}${randomUUID()}`;
      logger.info({ to: maskAddress(message.to), subject: message.subject, id }, 'email kept (no RESEND_API_KEY): shown on /staff/outbox without its secret links');
      if (options.printSecretLinks && message.secretLinks && message.secretLinks.length > 0) {
        print(`Demo mail (not sent) to ${message.to}: ${message.subject}\n${message.secretLinks.map((link) => `  ${link}`).join('\n')}`);
      }
      return { id };
    },
  };
}

function isTransientResendError(error: { statusCode: number | null; name: string }): boolean {
  // No status: the request never got an answer (timeout, network). It may have been sent;
  // the idempotency key makes the retry harmless.
  if (error.statusCode === null) return true;
  if (error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 408) return true;
  // Another request with the same key is still being processed: ask again later.
  return error.name === 'concurrent_idempotent_requests';
}

export interface ResendTransportOptions {
  apiKey: string;
  /** A send that takes longer is abandoned and retried later (the key prevents a double). */
  timeoutMs?: number;
  baseUrl?: string;
}

export function createResendTransport(options: ResendTransportOptions): MailTransport {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    kind: 'provider',
    async send(message) {
      const { data, error } = await resend.emails.send(
        { from: message.from, to: message.to, subject: message.subject, html: message.html, text: message.text, headers: message.headers },
        { idempotencyKey: message.idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (error) {
        const status = typeof error.statusCode === 'number' ? error.statusCode : null;
        throw new MailSendError(`Resend: ${status ?? 'no answer'} ${error.name}: ${error.message}`, isTransientResendError({ statusCode: status, name: error.name }), status);
      }
      if (!data?.id) throw new MailSendError('Resend: answer without a message id', true);
      return { id: data.id };
    },
  };
}
