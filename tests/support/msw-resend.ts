import { randomUUID } from 'node:crypto';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

// A stand-in for Resend's POST /emails that behaves like the real one where it matters:
// a repeated Idempotency-Key gets the first message's id back and nothing is sent again.
// Tests script its next answers: errors, or "deliver, then answer too late".

export const RESEND_EMAILS_URL = 'https://api.resend.com/emails';

export interface ResendRequest {
  idempotencyKey: string | null;
  authorization: string | null;
  body: { from: string; to: string | string[]; subject: string; html?: string; text?: string; headers?: Record<string, string> };
}

export interface Delivery {
  id: string;
  idempotencyKey: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

type Answer =
  | { kind: 'ok' }
  | { kind: 'error'; status: number; name: string }
  /** The provider accepts and sends the mail, but its answer arrives after `ms`. */
  | { kind: 'slow'; ms: number };

export function createFakeResend() {
  const requests: ResendRequest[] = [];
  const deliveries: Delivery[] = [];
  const byKey = new Map<string, Delivery>();
  const script: Answer[] = [];
  let otherwise: Answer = { kind: 'ok' };
  let latencyMs = 0;

  const server = setupServer(
    http.post(RESEND_EMAILS_URL, async ({ request }) => {
      const idempotencyKey = request.headers.get('Idempotency-Key');
      const body = (await request.json()) as ResendRequest['body'];
      requests.push({ idempotencyKey, authorization: request.headers.get('Authorization'), body });
      if (latencyMs > 0) await delay(latencyMs);
      const answer = script.shift() ?? otherwise;
      if (answer.kind === 'error') {
        return HttpResponse.json({ statusCode: answer.status, name: answer.name, message: `fake ${answer.name}` }, { status: answer.status });
      }
      let delivery = idempotencyKey ? byKey.get(idempotencyKey) : undefined;
      if (!delivery) {
        delivery = {
          id: randomUUID(), idempotencyKey, to: Array.isArray(body.to) ? body.to.join(',') : body.to, subject: body.subject,
          html: body.html ?? '', text: body.text ?? '', headers: body.headers ?? {},
        };
        deliveries.push(delivery);
        if (idempotencyKey) byKey.set(idempotencyKey, delivery);
      }
      if (answer.kind === 'slow') await delay(answer.ms);
      return HttpResponse.json({ id: delivery.id });
    }),
  );

  return {
    server,
    requests,
    deliveries,
    /** The next `times` requests get this answer, then the usual one. */
    next(times: number, answer: Answer) {
      for (let i = 0; i < times; i++) script.push(answer);
    },
    /** Every request gets this answer until told otherwise (a long outage, a broken key). */
    always(answer: Answer) {
      otherwise = answer;
    },
    /** Each request takes this long: lets two workers overlap for real. */
    latency(ms: number) {
      latencyMs = ms;
    },
    reset() {
      requests.length = 0;
      deliveries.length = 0;
      byKey.clear();
      script.length = 0;
      otherwise = { kind: 'ok' };
      latencyMs = 0;
    },
    deliveriesTo(to: string) {
      return deliveries.filter((d) => d.to === to);
    },
  };
}
