import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Where residents' photos live. Local disk by default; an S3-compatible store can be added
 * by implementing these three methods and choosing it in photoStorageFor().
 */
export interface PhotoStorage {
  put(key: string, bytes: Uint8Array, mimeType: string): Promise<void>;
  /** The stored bytes, or null when the key is unknown. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9/_-]*(\.[a-z0-9]+)?$/;

function checkKey(key: string) {
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
}

const stores = new Map<string, PhotoStorage>();

/** The installation's photo store: ${DATA_DIR}/uploads on local disk (one instance per place). */
export function photoStorageFor(config: { DATA_DIR: string }): PhotoStorage {
  const root = path.resolve(config.DATA_DIR, 'uploads');
  let store = stores.get(root);
  if (!store) {
    store = new LocalDiskPhotoStorage(root);
    stores.set(root, store);
  }
  return store;
}
