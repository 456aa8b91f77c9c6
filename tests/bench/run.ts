// npm run bench [-- --scale 0.01] [--seconds 10] [--skip-build] [--database-url postgres://…] [--report-only] [--skip-pglite] [--skip-lighthouse] [--keep-database]
//
// Proof that it holds (issue 9): seeds a large dataset into a real PostgreSQL server (scale 1:
// one million voices, one million ratings, ten thousand improvement records), then measures
//   (a) the public send page (GET) beside a bare node:http server answering a fixed page, on the
//       production start (node build/node/serve.mjs, one server process per core),
//   (b) voice submission (POST) beside pgbench running the same SQL at the same concurrency,
//       and checks that the voices in the database equal the successful responses,
//   (c) the inbox (default, filtered, Japanese substring search), (d) dashboard and management
//       review — direct calls of the read models against the large database,
//   (e) JavaScript bytes per public page (tests/bench/js-bytes.ts),
//   (h) node build/node/serve.mjs with WEB_CONCURRENCY=2 against one process (a page React renders),
//   (f) (a) and (b) again on the embedded PGlite,
//   (g) Lighthouse (mobile) on the home and send pages (tests/bench/lighthouse.ts),
//   (h) the retention erasure job on the oldest fiscal year of voices (tests/bench/retention.ts),
// and prints one Markdown table with every budget and PASS/FAIL (also written, with JSON, to
// bench-results/). Exits non-zero when a budget is broken.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql as drizzleSql } from 'drizzle-orm';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '../../db/client';
import { seedDemo } from '../../app/seed/seed.server';
import { refreshAnalyticsRollups } from '../../app/domain/analytics/rollups.server';
import { bigrams } from '../../app/domain/search-text';
import { startApp, type AppProcess } from '../support/app-process';
import { runJsBytes, SEND_PAGE_BUDGET_BYTES } from './js-bytes';
import { runLighthouse } from './lighthouse';
import { checkBigrams, generateDataset, sizeFor } from './dataset';
import { BENCH_TITLE, getLoad, hasWrk, sendLoad, startBareServer, wrkLoad, type LoadResult } from './load';
import { runPgbench } from './pgbench';
import { timeRetentionErasure } from './retention';
import { timeReadModels, type Timing } from './queries';
import type { BenchLine } from './line';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seconds: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/meyasu_bench' },
    'keep-database': { type: 'boolean', default: false },
    // Measure again on the database a --keep-database run left (no drop, no generation).
    'reuse-database': { type: 'boolean', default: false },
    'skip-pglite': { type: 'boolean', default: false },
    'skip-lighthouse': { type: 'boolean', default: false },
    // CI on a shared machine: report the budgets, fail only when a correctness line fails
    // (the count check, the SQL bigrams) or the harness breaks.
    'report-only': { type: 'boolean', default: false },
  },
});
const scale = Number(args.scale);
if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be a number in (0, 1]');
const seconds = Number(args.seconds ?? (scale >= 0.5 ? 15 : 3));
const databaseUrl = args['database-url']!;
const databaseName = new URL(databaseUrl).pathname.slice(1);
const adminUrl = databaseUrl.replace(/\/[^/]*$/, '/postgres');
// The app's PostgreSQL pool has 10 connections: the submit load and pgbench both use 10.
const WRITE_CONCURRENCY = 10;
const READ_CONNECTIONS = 20;
// Before each run of lines (h) and (b): long enough for V8 to optimise the path in every process.
// Measured on 2 cores in 3 s slices from a fresh start: one process and two both reach their
// steady rate after about 12 s (one process 329, 375, 446, 576, 839/s…; two 491, 661, 840,
// 1041, 1103/s…), so a shorter warm-up measures how fast V8 warms up, not a running city.
const WARM_UP_SECONDS = 12;
// Each measured run of lines (h) and (b), and pgbench's: at least 5 s (one 3 s run on a shared
// machine moved by ±40 %).
const PROCESS_RUN_SECONDS = Math.max(5, seconds);
const BUDGET = { sendPageRatio: 0.2, submitRatio: 0.4, inboxP95Ms: 100, reportP95Ms: 500, scaleOut: 1.7 };

type Line = BenchLine;
const lines: Line[] = [];
/** Every line is printed as soon as it is measured, so a run that breaks later keeps its figures. */
function record(line: Line) {
  lines.push(line);
  console.log(`  → ${line.section}: ${line.measure} — ${line.value} (${line.budget}) ${line.pass === null ? '' : line.pass ? 'PASS' : 'FAIL'}`);
}
const json: Record<string, unknown> = { scale, seconds, startedAt: new Date().toISOString(), machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30) } };
const log = (text: string) => console.log(text);
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const rate = (n: number) => `${n.toFixed(0)}/s`;
const pct = (n: number) => `${(n * 100).toFixed(0)} %`;

async function recreateDatabase() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${databaseName}"`);
  await admin.end();
}

async function dropDatabase() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await admin.end();
}

async function countVoices(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from submissions where title = ${BENCH_TITLE}`;
  await sql.end();
  return row!.n;
}

/** Voices a submit load had accepted (302 answers). */
const acceptedIn = (load: LoadResult) => load.byStatus['302'] ?? 0;

/** (a) and (b) against one running app; `countStored` reads the database afterwards. */
async function measureApp(label: string, app: AppProcess, bare: LoadResult, pgbenchTps: number | null, countStored: () => Promise<number>) {
  const sendPage = await getLoad(`${app.baseUrl}/send`, READ_CONNECTIONS, seconds);
  const ratioA = sendPage.requestsPerSecond / bare.requestsPerSecond;
  const okA = sendPage.byStatus['200'] === sendPage.total && sendPage.errors === 0;
  record({ section: `(a) send page, ${label}`, measure: `GET /send: ${rate(sendPage.requestsPerSecond)}, p50 ${ms(sendPage.p50)}, p99 ${ms(sendPage.p99)} (bare node:http ${rate(bare.requestsPerSecond)}, p50 ${ms(bare.p50)}, p99 ${ms(bare.p99)}; ${READ_CONNECTIONS} connections)`, value: `${pct(ratioA)} of bare node`, budget: `≥ ${pct(BUDGET.sendPageRatio)}, all 200`, pass: ratioA >= BUDGET.sendPageRatio && okA });

  // A short calibration run sizes a warm-up of about WARM_UP_SECONDS, which sizes the measured run
  // to about PROCESS_RUN_SECONDS (neither's voices are counted). As in line (h), a fresh process
  // runs its code unoptimised at first: measured on 2 cores, a cold 3 s run accepted 345/s where
  // the same processes accepted 464–524/s once warm.
  const calibration = await sendLoad(app.baseUrl, WRITE_CONCURRENCY, WRITE_CONCURRENCY * 20);
  const warmUp = await sendLoad(app.baseUrl, WRITE_CONCURRENCY, Math.max(WRITE_CONCURRENCY * 20, Math.round(calibration.requestsPerSecond * WARM_UP_SECONDS)));
  const amount = Math.max(WRITE_CONCURRENCY * 5, Math.round(warmUp.requestsPerSecond * PROCESS_RUN_SECONDS));
  const before = await countStored();
  const submit = await sendLoad(app.baseUrl, WRITE_CONCURRENCY, amount);
  const accepted = acceptedIn(submit);
  const acceptedPerSecond = accepted / submit.durationSeconds;
  json[`submit_${label}`] = submit;
  json[`sendPage_${label}`] = sendPage;
  return { sendPage, submit, accepted, acceptedPerSecond, before, warmUpPerSecond: acceptedIn(warmUp) / warmUp.durationSeconds, acceptedBeforeRun: acceptedIn(calibration) + acceptedIn(warmUp), ratioB: pgbenchTps ? acceptedPerSecond / pgbenchTps : null };
}

/** `reference`: the ratio is shown against pgbench on another database (PGlite's line), with no budget. */
function recordSubmit(label: string, r: Awaited<ReturnType<typeof measureApp>>, pgbenchTps: number | null, stored: number, reference = false) {
  const others = Object.entries(r.submit.byStatus).filter(([code]) => code !== '302').map(([code, n]) => `${n}×${code}`).join(', ') || 'none';
  record({
    section: `(b) submission, ${label}`,
    measure: `POST /send: ${rate(r.acceptedPerSecond)} accepted (${r.submit.total} requests, after a ${WARM_UP_SECONDS} s warm-up that accepted ${rate(r.warmUpPerSecond)}), p50 ${ms(r.submit.p50)}, p99 ${ms(r.submit.p99)} (${WRITE_CONCURRENCY} connections; other answers: ${others}; errors ${r.submit.errors})${pgbenchTps ? `; pgbench same SQL, ${WRITE_CONCURRENCY} clients: ${rate(pgbenchTps)}` : ''}`,
    value: r.ratioB === null ? rate(r.acceptedPerSecond) : `${pct(r.ratioB)} of pgbench`,
    budget: reference ? '— (reference: pgbench on PostgreSQL)' : r.ratioB === null ? '—' : `≥ ${pct(BUDGET.submitRatio)}`,
    pass: reference || r.ratioB === null ? null : r.ratioB >= BUDGET.submitRatio,
  });
  const newVoices = stored - r.before;
  record({ check: true, section: `(b) count check, ${label}`, measure: 'voices stored by the load = successful (302) responses', value: `${newVoices} = ${r.accepted}`, budget: 'equal', pass: newVoices === r.accepted && r.accepted > 0 });
}

async function main() {
  const started = performance.now();
  mkdirSync('bench-results', { recursive: true });
  const work = mkdtempSync(path.join(os.tmpdir(), 'meyasu-bench-'));
  const buildDir = path.resolve(process.env.BENCH_BUILD_DIR || '.cache/bench-build');
  try {
    // (e) first: it builds the app the other measurements run.
    log('\n# (e) JavaScript bytes');
    const jsPass = await runJsBytes({ skipBuild: args['skip-build'] });
    writeFileSync(path.join(buildDir, '.built-at'), String(Date.now()));
    const jsReport = JSON.parse((await import('node:fs')).readFileSync('bench-results/js-bytes.json', 'utf8')) as { pages: { path: string; gzipBytes: number }[] };
    const send = jsReport.pages.find((p) => p.path === '/send')!;
    const heaviest = [...jsReport.pages].sort((a, b) => b.gzipBytes - a.gzipBytes)[0]!;
    // Bytes are exact, not timings: this budget gates even with --report-only.
    record({ check: true, section: '(e) JavaScript', measure: `send page, first visit, gzip (heaviest public page: ${heaviest.path} ${(heaviest.gzipBytes / 1000).toFixed(1)} KB)`, value: `${(send.gzipBytes / 1000).toFixed(1)} KB`, budget: `≤ ${SEND_PAGE_BUDGET_BYTES / 1000} KB`, pass: jsPass });

    const size = sizeFor(scale);
    log(`\n# Dataset at scale ${scale}: ${size.voices} voices, ${size.ratings} ratings, ${size.improvementRecords} improvement records → ${databaseName}`);
    const reuse = args['reuse-database'];
    if (!reuse) await recreateDatabase();
    {
      // A reused database gets the migrations added since it was generated (as a city's would).
      const handle = await openDatabase({ driver: 'postgres', url: databaseUrl, maxConnections: 1 });
      await migrateDatabase(handle);
      if (!reuse) await seedDemo(handle.db);
      // The voices earlier runs' loads (and pgbench) added: analysed as autovacuum would (it is off on this server).
      else await handle.db.execute(drizzleSql`analyze`);
      await handle.close();
    }
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const generationSeconds = reuse ? Number.NaN : await generateDataset(sql, size, log);
    const bigramProblems = await checkBigrams(sql, bigrams);
    const [counts] = await sql<{ voices: number; ratings: number; surveys: number; records: number; db_size: string }[]>`
      select (select count(*)::int from submissions) as voices, (select count(*)::int from reply_ratings) as ratings,
             (select count(*)::int from counter_surveys) as surveys, (select count(*)::int from improvement_records) as records,
             pg_size_pretty(pg_database_size(current_database())) as db_size`;
    await sql.end();
    log(`  generated in ${generationSeconds.toFixed(0)} s: ${JSON.stringify(counts)}`);
    json.dataset = { ...size, generationSeconds, counts, bigramProblems };
    record({ check: true, section: 'dataset', measure: `${counts!.voices} voices, ${counts!.ratings} reply ratings + ${counts!.surveys} counter surveys, ${counts!.records} improvement records (${counts!.db_size})`, value: reuse ? 'reused' : `${generationSeconds.toFixed(0)} s to generate`, budget: 'SQL bigrams = bigrams()', pass: bigramProblems.length === 0 });

    log('\n# (d) analytics rollups: one full refresh, as the worker does when it starts');
    {
      const handle = await openDatabase({ driver: 'postgres', url: databaseUrl, maxConnections: 1 });
      const refresh = await refreshAnalyticsRollups(handle.db);
      await handle.close();
      json.rollupRefresh = refresh;
      const steps = refresh.refreshed ? Object.entries(refresh.stepsMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ') : 'another refresh held the lock';
      record({ section: '(d) rollup refresh', measure: `full (${steps})`, value: refresh.refreshed ? `${(refresh.durationMs / 1000).toFixed(1)} s` : '—', budget: '—', pass: null });
    }

    log('\n# (c), (d) read models on the large dataset (direct calls)');
    const timings: Timing[] = await timeReadModels(databaseUrl, { inboxRuns: scale >= 0.5 ? 30 : 10, reportRuns: scale >= 0.5 ? 10 : 3 });
    json.timings = timings;
    for (const t of timings) {
      const isInbox = t.name.startsWith('inbox');
      const budget = isInbox ? BUDGET.inboxP95Ms : BUDGET.reportP95Ms;
      record({ section: isInbox ? '(c) inbox' : '(d) reports', measure: `${t.name}: p50 ${ms(t.p50)}, max ${ms(t.max)} (${t.runs} runs${t.rows !== undefined ? `, ${t.rows} rows` : ''})`, value: `p95 ${ms(t.p95)}`, budget: `≤ ${budget} ms`, pass: t.p95 <= budget });
    }

    log('\n# (h) the erasure job: one fiscal year of voices past its retention period');
    {
      const erasure = await timeRetentionErasure(databaseUrl);
      json.retention = erasure;
      record({
        section: '(h) retention erasure',
        measure: `年度 ${erasure.fiscalYear}: ${erasure.voices} voices erased in ${erasure.batches} transactions, ${(erasure.totalMs / 1000).toFixed(1)} s in all${erasure.rearmed ? ' (made due again on the reused database)' : ''}`,
        value: `longest transaction (and so longest lock held) ${ms(erasure.longestTransactionMs)}`,
        budget: '≤ 1000 ms',
        pass: erasure.longestTransactionMs <= 1000 && erasure.voices > 0,
      });
    }

    // As a city deploys it on PostgreSQL: node build/node/serve.mjs, WEB_CONCURRENCY unset (one
    // server process per core), the worker elsewhere.
    log('\n# (a), (b) on PostgreSQL (the production start, all its processes)');
    const app = await startApp(
      { DATABASE_URL: databaseUrl, RUN_WORKER: 'false', WEB_CONCURRENCY: undefined, CITIZEN_SUBMIT_LIMIT: '100000000/60', LOG_LEVEL: 'warn' },
      { buildDir, dataDir: path.join(work, 'data-pg'), production: true },
    );
    const page = await (await fetch(`${app.baseUrl}/send`, { headers: { 'accept-language': 'ja' } })).text();
    const bare = await startBareServer(page);
    const bareLoad = await getLoad(bare.url, READ_CONNECTIONS, seconds);
    await bare.stop();
    json.bare = bareLoad;
    let pg;
    try {
      if (!args['skip-lighthouse']) {
        log('\n# (g) Lighthouse on the app on PostgreSQL (before its loads)');
        const lighthouse = await runLighthouse(app.baseUrl, log);
        json.lighthouse = lighthouse.json;
        lighthouse.lines.forEach(record);
      }
      pg = await measureApp('PostgreSQL', app, bareLoad, null, () => countVoices(databaseUrl));
    } finally {
      await app.stop();
    }
    const storedByApp = await countVoices(databaseUrl);
    // As long as the app's measured run (the same two cores, one after the other).
    const pgbench = runPgbench(databaseUrl, WRITE_CONCURRENCY, PROCESS_RUN_SECONDS);
    json.pgbench = pgbench;
    pg.ratioB = pg.acceptedPerSecond / pgbench.tps;
    recordSubmit('PostgreSQL', pg, pgbench.tps, storedByApp);

    log('\n# (h) the production start: one server process against WEB_CONCURRENCY=2');
    // Interleaved pairs (1, 2, 1, 2, 1, 2) and the median of each: one run on a shared 2-core
    // machine moves by ±10 %, and interleaving spreads any drift over both.
    const runs: Record<1 | 2, number[]> = { 1: [], 2: [] };
    // The load comes from wrk (C) when Debian's package is there: autocannon, in JavaScript, would
    // take a share of the same two cores that grows with the rate it drives.
    const useWrk = hasWrk();
    for (const processes of [1, 2, 1, 2, 1, 2] as const) {
      const served = await startApp(
        { DATABASE_URL: databaseUrl, RUN_WORKER: 'false', WEB_CONCURRENCY: String(processes), LOG_LEVEL: 'warn' },
        { buildDir, dataDir: path.join(work, `data-serve-${processes}`), production: true },
      );
      try {
        // A page rendered by React per request whose reads are all cached (the accessibility page):
        // the server's own work, which more processes can share. (The send page is a template, so
        // cheap that the load generator on the same two cores would set the pace; a page that
        // queries the database shares those cores with PostgreSQL.)
        // A warm-up first (not counted): a fresh process runs its code unoptimised at first
        // (WARM_UP_SECONDS).
        if (useWrk) await wrkLoad(`${served.baseUrl}/accessibility`, READ_CONNECTIONS, WARM_UP_SECONDS);
        else await getLoad(`${served.baseUrl}/accessibility`, READ_CONNECTIONS, WARM_UP_SECONDS);
        if (useWrk) {
          const load = await wrkLoad(`${served.baseUrl}/accessibility`, READ_CONNECTIONS, PROCESS_RUN_SECONDS);
          runs[processes].push(load.allOk ? load.requestsPerSecond : 0);
        } else {
          const load = await getLoad(`${served.baseUrl}/accessibility`, READ_CONNECTIONS, PROCESS_RUN_SECONDS);
          runs[processes].push(load.byStatus['200'] === load.total ? load.requestsPerSecond : 0);
        }
      } finally {
        await served.stop();
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const [one, two] = [median(runs[1]), median(runs[2])];
    const scaleOut = two / one;
    json.processes = runs;
    record({ section: '(h) processes', measure: `GET /accessibility (React render per request), node build/node/serve.mjs, ${useWrk ? 'wrk' : 'autocannon'}, median of 3 interleaved runs each: 1 process ${rate(one)} (${runs[1].map(rate).join(', ')}), WEB_CONCURRENCY=2 ${rate(two)} (${runs[2].map(rate).join(', ')}; ${READ_CONNECTIONS} connections)`, value: `${scaleOut.toFixed(2)}×`, budget: `≥ ${BUDGET.scaleOut}×, all 200`, pass: scaleOut >= BUDGET.scaleOut });

    if (!args['skip-pglite']) {
      log('\n# (f) (a), (b) on the embedded PGlite (demo data)');
      const dataDir = path.join(work, 'data-pglite');
      const lite = await startApp({ DATABASE_URL: undefined, RUN_WORKER: 'false', CITIZEN_SUBMIT_LIMIT: '100000000/60', LOG_LEVEL: 'warn' }, { buildDir, dataDir });
      // The embedded database belongs to the app process: the voices before the measured run are
      // counted through the app's own pages (none carry the bench title before the load starts).
      let liteResult;
      let voicesBeforeRun = 0;
      try {
        liteResult = await measureApp('PGlite', lite, bareLoad, null, async () => 0);
        voicesBeforeRun = liteResult.acceptedBeforeRun;
      } finally {
        await lite.stop();
      }
      const handleLite = await openDatabase({ driver: 'pglite', dataDir: path.join(dataDir, 'pglite') });
      const rows = await handleLite.pglite!.query<{ n: number }>(`select count(*)::int as n from submissions where title = $1`, [BENCH_TITLE]);
      await handleLite.close();
      liteResult.ratioB = liteResult.acceptedPerSecond / pgbench.tps;
      // PGlite has no pgbench of its own: its ratio is against pgbench on the PostgreSQL server.
      recordSubmit('PGlite', liteResult, pgbench.tps, rows.rows[0]!.n - voicesBeforeRun, true);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (!args['keep-database']) await dropDatabase().catch(() => {});
  }

  const totalSeconds = (performance.now() - started) / 1000;
  const table = [
    `## Meyasu bench — scale ${scale}, ${seconds} s per load, ${os.cpus().length} CPUs, ${new Date().toISOString().slice(0, 16)}Z, ${totalSeconds.toFixed(0)} s in all`,
    '',
    '| line | measure | value | budget | result |',
    '|---|---|---|---|---|',
    ...lines.map((l) => `| ${l.section} | ${l.measure} | ${l.value} | ${l.budget} | ${l.pass === null ? '—' : l.pass ? '**PASS**' : '**FAIL**'} |`),
  ].join('\n');
  log(`\n${table}\n`);
  json.lines = lines;
  json.totalSeconds = totalSeconds;
  writeFileSync('bench-results/bench.md', `${table}\n`);
  writeFileSync('bench-results/bench.json', `${JSON.stringify(json, null, 2)}\n`);
  const failed = lines.filter((l) => l.pass === false);
  log(`${lines.filter((l) => l.pass).length} passed, ${failed.length} failed (bench-results/bench.md, bench-results/bench.json)`);
  const blocking = args['report-only'] ? failed.filter((l) => l.check) : failed;
  if (args['report-only'] && failed.length > blocking.length) log(`--report-only: ${failed.length - blocking.length} budget(s) reported, not enforced`);
  process.exitCode = blocking.length === 0 ? 0 : 1;
}

await main();
