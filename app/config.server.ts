import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { secretKeysFrom, type SecretKeys } from './secret-keys.server';
import { parseS3Url } from '~/storage/s3-url';
import { pointsPerSeconds } from '~/security/public-limits.server';

// One place reads the environment. Every problem becomes one line naming the variable,
// and local use needs no configuration at all.

const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be a postgres://user@host:port/database URL');

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: postgresUrl.optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    BUILD_DIR: z.string().min(1).default('build'),
    APP_URL: z.string().url('must be an absolute URL such as https://meyasu.example.jp').default('http://localhost:3000'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    RESEND_API_KEY: z.string().min(1).optional(),
    MAIL_FROM: z.string().min(3).default('Meyasu <noreply@meyasu.example.jp>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    RUN_WORKER: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    /** Server processes on PostgreSQL (default: one per core); the embedded database always uses one. */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    // Photos: local folder by default; s3://bucket/prefix for an S3-compatible store shared by instances.
    STORAGE_URL: z.string().refine((v) => parseS3Url(v) !== null, 'must be s3://bucket or s3://bucket/prefix (leave it empty for DATA_DIR/uploads)').optional(),
    S3_ENDPOINT: z.string().refine((v) => /^https?:\/\/[^/\s]+/.test(v) && URL.canParse(v), 'must be an absolute URL such as https://s3.example.jp').optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
    // The map on /send and the staff pages: a tile URL template ({z}/{x}/{y}), or "off".
    MAP_TILE_URL: z.string().refine((v) => v === 'off' || (/^https?:\/\/[^/]+\//.test(v) && ['{z}', '{x}', '{y}'].every((p) => v.includes(p))),
      'must be "off" or an http(s) URL template with {z}, {x} and {y}').default('https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png'),
    MAP_TILE_ATTRIBUTION: z.string().min(1).max(200).default('地理院タイル（国土地理院）'),
    MAP_TILE_ATTRIBUTION_URL: z.string().url().default('https://maps.gsi.go.jp/development/ichiran.html'),
    MAP_CENTER: z.string().regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'must be "latitude,longitude", e.g. 35.6581,139.7017').default('35.6581,139.7017'),
    // Optional reverse geocoder called by our server (never the browser) when a pin is dropped:
    // an http(s) URL template with {lat} and {lng}; its answer fills the place text.
    MAP_REVERSE_GEOCODE_URL: z.string().refine((v) => /^https?:\/\/[^/]+/.test(v) && v.includes('{lat}') && v.includes('{lng}'),
      'must be an http(s) URL template with {lat} and {lng}').optional(),
    MAP_REVERSE_GEOCODE_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(2000),
    // The look-ups the whole city may make (points/seconds): a geocoder blocks a caller who
    // asks too often (Nominatim: one a second), and per-IP limits alone do not bound that.
    MAP_REVERSE_GEOCODE_LIMIT: pointsPerSeconds.default('600/600'),
    // A folder of language folders to use instead of app/i18n/locales (a city's own wording, a
    // language added after the build). app/i18n/resources.server.ts reads it; checked here.
    LOCALES_DIR: z.string().refine((v) => existsSync(path.join(v, 'ja')), 'must be a folder holding the language folders (ja/, en/, …)').optional(),
  })
  .superRefine((env, ctx) => {
    if (!!env.S3_ACCESS_KEY_ID !== !!env.S3_SECRET_ACCESS_KEY) {
      ctx.addIssue({ code: 'custom', path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'], message: 'must be set together with the other S3 key (or neither, to use the AWS default credentials)' });
    }
    if (!env.STORAGE_URL && (env.S3_ENDPOINT || env.S3_ACCESS_KEY_ID)) {
      ctx.addIssue({ code: 'custom', path: ['STORAGE_URL'], message: 'is needed (s3://bucket/prefix) when S3_ENDPOINT or S3 keys are set' });
    }
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production (at least 32 random characters)' });
    }
  });

type ParsedConfig = z.infer<typeof configSchema>;
export type Config = Omit<ParsedConfig, 'SESSION_SECRET' | 'S3_FORCE_PATH_STYLE'> & {
  SESSION_SECRET: string;
  S3_FORCE_PATH_STYLE: boolean;
  /** One key per purpose, derived from SESSION_SECRET (secret-keys.server.ts): pass these, never the secret. */
  keys: SecretKeys;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError whose message is one line per problem. */
export function loadConfig(env: Record<string, string | undefined>, fallbackSecret?: string): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `Configuration error: ${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(lines.join('\n'));
  }
  const secret = result.data.SESSION_SECRET ?? fallbackSecret;
  if (!secret) throw new ConfigError('Configuration error: SESSION_SECRET is required (at least 32 random characters)');
  // Path-style addressing (https://host/bucket/key) is what on-premises stores expect; AWS
  // itself is reached with virtual-host style. Explicit S3_FORCE_PATH_STYLE wins.
  const forcePathStyle = result.data.S3_FORCE_PATH_STYLE ? result.data.S3_FORCE_PATH_STYLE === 'true' : !!result.data.S3_ENDPOINT;
  return { ...result.data, SESSION_SECRET: secret, S3_FORCE_PATH_STYLE: forcePathStyle, keys: secretKeysFrom(secret) };
}
