import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; each request gets a child logger carrying its request id. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'meyasu' }, timestamp: pino.stdTimeFunctions.isoTime });
}
