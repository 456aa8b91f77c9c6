import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A third language made the way a city would: the shipped folders copied, plus pt/ made from
// en/ with some strings in Portuguese (the rest stays English until translated).

export const PORTUGUESE = {
  'common.json': { 'language.name': 'Português', 'nav.send': 'Enviar sua opinião', 'home.lead': 'Envie ideias, pedidos, reclamações e agradecimentos a qualquer momento.' },
  'email.json': { 'receipt.subject': '[{{city}}] Recebemos sua opinião (número {{receiptNumber}})' },
} as const;

function setPath(tree: Record<string, unknown>, dotted: string, value: string) {
  const parts = dotted.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  if (typeof node[parts.at(-1)!] !== 'string') throw new Error(`en/ has no string at ${dotted}`);
  node[parts.at(-1)!] = value;
}

/** A temporary folder of language folders (ja, en and pt) to point LOCALES_DIR at. */
export function makeLocalesWithPortuguese(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'meyasu-locales-'));
  cpSync('app/i18n/locales', folder, { recursive: true });
  mkdirSync(path.join(folder, 'pt'));
  for (const file of readdirSync(path.join(folder, 'en'))) {
    const tree = JSON.parse(readFileSync(path.join(folder, 'en', file), 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(PORTUGUESE[file as keyof typeof PORTUGUESE] ?? {})) setPath(tree, key, value);
    writeFileSync(path.join(folder, 'pt', file), JSON.stringify(tree));
  }
  return folder;
}
