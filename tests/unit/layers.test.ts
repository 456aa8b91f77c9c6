import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The rule between the layers (README "Architecture", docs/decisions/layers.md), checked on the
// tree: arrows point down only (routes → models → domain), and models/ only reads.

const appDir = path.resolve(__dirname, '../../app');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const files = sources(appDir).map((file) => ({ file: path.relative(appDir, file), text: readFileSync(file, 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);

describe('the layers of app/', () => {
  it('has no arrow running back up into routes/ from below', () => {
    const offenders = files.filter((f) => !f.file.startsWith('routes/') && !['routes.ts', 'root.tsx'].includes(f.file))
      .filter((f) => importsOf(f.text).some((spec) => spec.startsWith('~/routes/') || /(^|\/)routes\//.test(spec) && spec.startsWith('.')));
    expect(offenders.map((f) => f.file)).toEqual([]);
  });

  it('keeps the domain and everything below it free of models/ (screens read the domain, never the other way)', () => {
    const below = files.filter((f) => !f.file.startsWith('routes/') && !f.file.startsWith('models/') && !['root.tsx', 'routes.ts'].includes(f.file));
    const offenders = below.filter((f) => importsOf(f.text).some((spec) => spec.startsWith('~/models/')));
    expect(offenders.map((f) => f.file)).toEqual([]);
  });

  it('writes nothing from models/: every write is a domain rule', () => {
    const models = files.filter((f) => f.file.startsWith('models/'));
    expect(models.length).toBeGreaterThan(0);
    const offenders = models.filter((f) => /\.(insert|update|delete)\(\s*[a-zA-Z]|\.transaction\(/.test(f.text));
    expect(offenders.map((f) => f.file)).toEqual([]);
  });
});
