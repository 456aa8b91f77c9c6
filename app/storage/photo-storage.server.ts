import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Config } from '~/config.server';
import { S3PhotoStorage } from './s3-photo-storage.server';
import { parseS3Url } from './s3-url';

/**
 * Where residents' photos live: local disk by default (one instance), or an S3-compatible
 * bucket that several instances share (s3-photo-storage.server.ts), chosen in photoStorageFor().
 */
export interface PhotoStorage {
  put(key: string, bytes: Uint8Array, mimeType: string): Promise<void>;
  /** The stored bytes, or null when the key is unknown. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every stored key that starts with `prefix` (for sweeping objects no row refers to). */
  list(prefix: string): AsyncIterable<StoredObject>;
}

export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9/_-]*(\.[a-z0-9]+)?$/;

export function checkKey(key: string) {
  if (!KEY_PATTERN.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
}

/** Files under a root folder; writes go through a temporary name so no half file is ever read. */
export class LocalDiskPhotoStorage implements PhotoStorage {
  constructor(private readonly root: string) {}

  private file(key: string) {
    checkKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    await writeFile(temporary, bytes, { mode: 0o600 });
    await rename(temporary, target);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.file(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    let entries: string[];
    try {
      entries = await readdir(this.root, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries.sort()) {
      const key = entry.split(path.sep).join('/');
      if (!key.startsWith(prefix) || key.endsWith('.tmp') || !KEY_PATTERN.test(key)) continue;
      const info = await stat(path.join(this.root, entry)).catch(() => null);
      if (info?.isFile()) yield { key, modifiedAt: info.mtime };
    }
  }
}

const stores = new Map<string, PhotoStorage>();

export type StorageConfig = Pick<Config, 'DATA_DIR' | 'STORAGE_URL' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'>;

/**
 * The installation's photo store, made once per configuration: the S3-compatible bucket of
 * STORAGE_URL=s3://bucket/prefix, or ${DATA_DIR}/uploads on local disk by default.
 */
export function photoStorageFor(config: StorageConfig): PhotoStorage {
  const s3 = config.STORAGE_URL ? parseS3Url(config.STORAGE_URL) : null;
  const id = s3 ? `${config.STORAGE_URL}|${config.S3_ENDPOINT ?? ''}|${config.S3_ACCESS_KEY_ID ?? ''}` : path.resolve(config.DATA_DIR, 'uploads');
  let store = stores.get(id);
  if (!store) {
    store = s3
      ? new S3PhotoStorage({
          ...s3,
          region: config.S3_REGION,
          ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
          ...(config.S3_ACCESS_KEY_ID ? { accessKeyId: config.S3_ACCESS_KEY_ID } : {}),
          ...(config.S3_SECRET_ACCESS_KEY ? { secretAccessKey: config.S3_SECRET_ACCESS_KEY } : {}),
          forcePathStyle: config.S3_FORCE_PATH_STYLE,
        })
      : new LocalDiskPhotoStorage(id);
    stores.set(id, store);
  }
  return store;
}
