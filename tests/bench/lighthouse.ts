// (g) Lighthouse on the public home and send pages (issue 9), against the app the bench started.
//
// Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) is started here, headless, with a
// fresh profile and the flags this closed network needs (no background networking: its
// connections would be refused). Lighthouse runs with its own defaults — mobile form factor,
// simulated throttling (Moto G Power class device on slow 4G) — and the performance and
// accessibility categories only. Each page is run RUNS times; every figure is the median of the
// runs (Lighthouse's scores vary from run to run, more so on a shared 2-core machine). The HTML
// report of the run with the median performance score is kept in bench-results/, and the audits
// that hold the score back are listed in the bench line and in bench.json.
// Read the figures with the machine in mind: the simulation starts from what it observed, and on
// a busy machine (the line shows Lighthouse's benchmarkIndex; a quiet desktop is about 1,500+)
// the first paint comes only after the module scripts have run, so the simulated FCP and LCP
// count all the page's JavaScript as render-blocking.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse, { generateReport, type Flags, type Result } from 'lighthouse';
import type { BenchLine } from './line';

export const LIGHTHOUSE_BUDGET = { performance: 95, accessibility: 100, fcpMs: 1000, lcpMs: 1250 };
export const LIGHTHOUSE_PAGES = [
  { label: 'home', path: '/' },
  { label: 'send', path: '/send' },
];
const RUNS = 3;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

export interface LighthouseRun {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  benchmarkIndex: number;
  seconds: number;
}

export interface LighthousePageResult {
  label: string;
  path: string;
  runs: LighthouseRun[];
  median: Omit<LighthouseRun, 'seconds'>;
  /** From the run with the median performance score. */
  lcpElement: string | null;
  lcpPhases: string | null;
  heldBackBy: string[];
  accessibilityFailures: string[];
  report: string;
}

interface Browser {
  port: number;
  stop(): Promise<void>;
}

/** Starts Chromium with a fresh profile and reads its DevTools port from stderr. */
async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, set CHROMIUM_PATH, or pass --skip-lighthouse)`);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'meyasu-lighthouse-'));
  const child: ChildProcess = spawn(CHROMIUM_PATH, [...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    // Chromium's helper processes may still be writing to the profile for a moment.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch {
      // a leftover folder in the temporary directory is no reason to fail the bench
    }
  };
  let stderr = '';
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port in 30 s:\n${stderr}`)), 30_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /DevTools listening on ws:\/\/[^:/]+:(\d+)\//.exec(stderr);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited (${code}) before it was ready:\n${stderr}`));
      });
    });
    // Keep draining stderr so Chromium never blocks on a full pipe.
    child.stderr!.resume();
    return { port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const score = (lhr: Result, category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
const numeric = (lhr: Result, audit: string) => lhr.audits[audit]?.numericValue ?? Number.NaN;

/** Depth-first search for the first object in an audit's details that matches. */
function findIn(value: unknown, test: (o: Record<string, unknown>) => boolean): Record<string, unknown> | null {
  if (!value || typeof value !== 'object') return null;
  if (!Array.isArray(value) && test(value as Record<string, unknown>)) return value as Record<string, unknown>;
  for (const child of Object.values(value)) {
    const found = findIn(child, test);
    if (found) return found;
  }
  return null;
}

function lcpElement(lhr: Result): { element: string | null; phases: string | null } {
  const details = lhr.audits['largest-contentful-paint-element']?.details;
  const node = findIn(details, (o) => o.type === 'node');
  const element = node ? `${String(node.snippet ?? '')}${node.nodeLabel ? ` “${String(node.nodeLabel).slice(0, 60)}”` : ''}` : null;
  const phases: string[] = [];
  const tables = (details as { items?: { type?: string; items?: Record<string, unknown>[] }[] } | undefined)?.items ?? [];
  for (const table of tables) {
    for (const row of table.items ?? []) {
      if (typeof row.phase === 'string' && typeof row.timing === 'number') phases.push(`${row.phase} ${Math.round(row.timing)} ms`);
    }
  }
  return { element, phases: phases.length ? phases.join(', ') : null };
}

/** The report's failing performance diagnostics (not the metrics themselves), largest estimated savings first. */
function heldBackBy(lhr: Result): string[] {
  const refs = lhr.categories.performance?.auditRefs ?? [];
  const found = refs
    .filter((ref) => ref.group === 'diagnostics')
    .map((ref) => lhr.audits[ref.id])
    .filter((a): a is NonNullable<typeof a> => !!a && a.score !== null && a.score < 0.9 && ['metricSavings', 'numeric', 'binary'].includes(a.scoreDisplayMode))
    .map((a) => {
      const savings = a.metricSavings ?? {};
      const overall = (a.details as { overallSavingsMs?: number } | undefined)?.overallSavingsMs ?? 0;
      const weight = (savings.LCP ?? 0) + (savings.FCP ?? 0) + (savings.TBT ?? 0) + overall;
      const estimate = Object.entries(savings).filter(([, v]) => v).map(([k, v]) => `${k} −${k === 'CLS' ? v!.toFixed(2) : `${Math.round(v!)} ms`}`).join(', ');
      // 'metricSavings' audits score 0.5 when they fail with no estimated saving (say, one small stylesheet).
      const noSaving = a.scoreDisplayMode === 'metricSavings' && (a.score ?? 0) >= 0.5 && !estimate;
      return { weight, noSaving, text: `${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}${estimate ? ` [${estimate}]` : ''}` };
    });
  return found.filter((f) => !f.noSaving).sort((a, b) => b.weight - a.weight).slice(0, 6).map((f) => f.text);
}

function accessibilityFailures(lhr: Result): string[] {
  return (lhr.categories.accessibility?.auditRefs ?? [])
    .map((ref) => lhr.audits[ref.id])
    .filter((a): a is NonNullable<typeof a> => !!a && a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
    .map((a) => `${a.id}: ${a.title}`);
}

async function auditPage(port: number, url: string): Promise<{ run: LighthouseRun; lhr: Result }> {
  const started = performance.now();
  // No config: Lighthouse's defaults (mobile, simulated throttling); only the two categories.
  // The full-page screenshot (element thumbnails in the HTML report) takes a second a run and
  // plays no part in any score.
  const flags: Flags = { port, logLevel: 'error', onlyCategories: ['performance', 'accessibility'], disableFullPageScreenshot: true };
  const result = await lighthouse(url, flags);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const run: LighthouseRun = {
    performance: score(lhr, 'performance'),
    accessibility: score(lhr, 'accessibility'),
    fcpMs: numeric(lhr, 'first-contentful-paint'),
    lcpMs: numeric(lhr, 'largest-contentful-paint'),
    tbtMs: numeric(lhr, 'total-blocking-time'),
    cls: numeric(lhr, 'cumulative-layout-shift'),
    speedIndexMs: numeric(lhr, 'speed-index'),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    seconds: (performance.now() - started) / 1000,
  };
  return { run, lhr };
}

/** Runs Lighthouse RUNS times on each page (one Chromium for all runs; Lighthouse clears the origin's storage and cache before each). */
export async function measureLighthouse(baseUrl: string, log: (text: string) => void = console.log): Promise<LighthousePageResult[]> {
  let browser = await launchChromium();
  // Lighthouse's trace recording sometimes fails on a busy machine (NO_NAVSTART, NO_FCP), and once
  // it has, the same Chromium tends to fail again: such a run is tried again in a new Chromium,
  // twice at most.
  const audit = async (url: string) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await auditPage(browser.port, url);
      } catch (error) {
        if (attempt >= 3) throw error;
        log(`  (run failed, trying again in a new Chromium: ${error instanceof Error ? error.message : String(error)})`);
        await browser.stop();
        browser = await launchChromium();
      }
    }
  };
  const results: LighthousePageResult[] = [];
  try {
    for (const page of LIGHTHOUSE_PAGES) {
      const audited: Awaited<ReturnType<typeof auditPage>>[] = [];
      for (let i = 0; i < RUNS; i++) {
        const one = await audit(`${baseUrl}${page.path}`);
        audited.push(one);
        const r = one.run;
        log(`  ${page.label} run ${i + 1}: performance ${r.performance}, accessibility ${r.accessibility}, FCP ${Math.round(r.fcpMs)} ms, LCP ${Math.round(r.lcpMs)} ms, TBT ${Math.round(r.tbtMs)} ms, CLS ${r.cls.toFixed(3)} (${r.seconds.toFixed(1)} s, benchmarkIndex ${Math.round(r.benchmarkIndex)})`);
      }
      const runs = audited.map((a) => a.run);
      const medianPerformance = median(runs.map((r) => r.performance));
      const representative = audited.find((a) => a.run.performance === medianPerformance) ?? audited[0]!;
      mkdirSync('bench-results', { recursive: true });
      const report = `bench-results/lighthouse-${page.label}.html`;
      writeFileSync(report, generateReport(representative.lhr, 'html'));
      const lcp = lcpElement(representative.lhr);
      results.push({
        label: page.label,
        path: page.path,
        runs,
        median: {
          performance: medianPerformance,
          accessibility: median(runs.map((r) => r.accessibility)),
          fcpMs: median(runs.map((r) => r.fcpMs)),
          lcpMs: median(runs.map((r) => r.lcpMs)),
          tbtMs: median(runs.map((r) => r.tbtMs)),
          cls: median(runs.map((r) => r.cls)),
          speedIndexMs: median(runs.map((r) => r.speedIndexMs)),
          benchmarkIndex: median(runs.map((r) => r.benchmarkIndex)),
        },
        lcpElement: lcp.element,
        lcpPhases: lcp.phases,
        heldBackBy: heldBackBy(representative.lhr),
        accessibilityFailures: accessibilityFailures(representative.lhr),
        report,
      });
    }
  } finally {
    await browser.stop();
  }
  return results;
}

/** The bench lines for one page: performance, accessibility, FCP and LCP, each against its budget. */
export function lighthouseLines(result: LighthousePageResult): BenchLine[] {
  const { median: m, runs } = result;
  const section = `(g) Lighthouse, ${result.label}`;
  const each = (f: (r: LighthouseRun) => string) => runs.map(f).join(' / ');
  const msOf = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
  const perfPass = m.performance >= LIGHTHOUSE_BUDGET.performance;
  const fcpPass = m.fcpMs <= LIGHTHOUSE_BUDGET.fcpMs;
  const lcpPass = m.lcpMs <= LIGHTHOUSE_BUDGET.lcpMs;
  // The failing diagnostics go with the first failing line among performance, FCP and LCP.
  const why = `; held back by: ${result.heldBackBy.join('; ') || 'no failing diagnostic (the metrics themselves)'}`;
  return [
    {
      section,
      measure: `GET ${result.path}, mobile, simulated throttling: performance score, median of ${runs.length} (${each((r) => String(r.performance))}); TBT ${msOf(m.tbtMs)}, CLS ${m.cls.toFixed(3)}, Speed Index ${msOf(m.speedIndexMs)}; machine benchmarkIndex ${Math.round(m.benchmarkIndex)}${perfPass ? '' : why} (${result.report})`,
      value: String(m.performance),
      budget: `≥ ${LIGHTHOUSE_BUDGET.performance}`,
      pass: perfPass,
    },
    {
      section,
      measure: `accessibility score (${each((r) => String(r.accessibility))})${result.accessibilityFailures.length ? `; failing: ${result.accessibilityFailures.join('; ')}` : ''}`,
      value: String(m.accessibility),
      budget: `= ${LIGHTHOUSE_BUDGET.accessibility}`,
      pass: m.accessibility >= LIGHTHOUSE_BUDGET.accessibility,
    },
    {
      section,
      measure: `first contentful paint, median (${each((r) => msOf(r.fcpMs))})${perfPass && !fcpPass ? why : ''}`,
      value: msOf(m.fcpMs),
      budget: `≤ ${msOf(LIGHTHOUSE_BUDGET.fcpMs)}`,
      pass: fcpPass,
    },
    {
      section,
      measure: `largest contentful paint, median (${each((r) => msOf(r.lcpMs))})${result.lcpElement ? `; element ${result.lcpElement}` : ''}${!lcpPass && result.lcpPhases ? `; phases ${result.lcpPhases}` : ''}${perfPass && fcpPass && !lcpPass ? why : ''}`,
      value: msOf(m.lcpMs),
      budget: `≤ ${msOf(LIGHTHOUSE_BUDGET.lcpMs)}`,
      pass: lcpPass,
    },
  ];
}

/**
 * The bench step: every page's lines, the figures for bench.json, and how long it took. A broken
 * step (no Chromium, Lighthouse error) becomes one failing check line, so the rest of the bench
 * still reports and the run still exits non-zero.
 */
export async function runLighthouse(baseUrl: string, log: (text: string) => void = console.log): Promise<{ lines: BenchLine[]; json: unknown }> {
  const started = performance.now();
  try {
    const results = await measureLighthouse(baseUrl, log);
    const seconds = (performance.now() - started) / 1000;
    log(`  Lighthouse: ${results.length} pages × ${RUNS} runs in ${seconds.toFixed(0)} s`);
    return { lines: results.flatMap(lighthouseLines), json: { seconds, runsPerPage: RUNS, budget: LIGHTHOUSE_BUDGET, pages: results } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      lines: [{ check: true, section: '(g) Lighthouse', measure: `did not run: ${message.split('\n')[0]}`, value: '—', budget: 'runs (or --skip-lighthouse)', pass: false }],
      json: { error: message },
    };
  }
}
