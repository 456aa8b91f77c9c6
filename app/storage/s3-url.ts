// STORAGE_URL's form, read by the configuration check and by the S3 store.

/** `s3://bucket/some/prefix` → bucket and prefix; null when it is not such a URL. */
export function parseS3Url(value: string): { bucket: string; prefix: string } | null {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(value);
  if (!match) return null;
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.includes('..') || prefix.includes('//')) return null;
  return { bucket: match[1]!, prefix };
}
