import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; each request gets a child logger carrying its request id. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'meyasu' }, timestamp: pino.stdTimeFunctions.isoTime });
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * For `npm start` (a person at a terminal): the same logger, each line written to stderr as a
 * short sentence ("warn (email-worker): …") instead of JSON. Servers keep createLogger.
 */
export function createReadableLogger(level: string, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  return pino({ level, base: { app: 'meyasu' }, timestamp: pino.stdTimeFunctions.isoTime }, {
    write(json: string) {
      try {
        const entry = JSON.parse(json) as { level: number; msg?: string; component?: string; err?: { message?: string } };
        const where = entry.component ? ` (${entry.component})` : '';
        const cause = entry.err?.message ? `: ${entry.err.message}` : '';
        write(`${LEVEL_NAMES[entry.level] ?? entry.level}${where}: ${entry.msg ?? ''}${cause}\n`);
      } catch {
        write(json);
      }
    },
  });
}
