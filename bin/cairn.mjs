#!/usr/bin/env node
// The Cairn command-line client, for dbt's CI (docs/dbt.md). Plain Node 20, no dependencies:
//   cairn dbt sync --domain RET --manifest target/manifest.json [--dry-run]
//   cairn dbt results --domain RET --manifest target/manifest.json --run-results target/run_results.json
// Authenticates with a personal API token from CAIRN_TOKEN against CAIRN_URL. Exit codes: 0 done,
// 1 refused by Cairn (the problem is printed), 2 wrong usage or unreadable file.
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `Usage:
  cairn dbt sync --domain KEY --manifest target/manifest.json [--dry-run]
  cairn dbt results --domain KEY --manifest target/manifest.json --run-results target/run_results.json

Environment: CAIRN_URL (default http://localhost:3000), CAIRN_TOKEN (a personal API token).`;

class UsageError extends Error {}

function readFile(file, what) {
  if (!file) throw new UsageError(`--${what} is required`);
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file}: ${error.message}`);
  }
}

async function call(method, path, body) {
  const base = (process.env.CAIRN_URL || 'http://localhost:3000').replace(/\/+$/, '');
  const token = process.env.CAIRN_TOKEN;
  if (!token) throw new UsageError('CAIRN_TOKEN is not set: create a personal API token in Cairn (Settings → Tokens)');
  let res;
  try {
    res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body,
    });
  } catch (error) {
    throw new UsageError(`cannot reach Cairn at ${base}: ${error.cause?.message ?? error.message}`);
  }
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, ok: res.ok, json, text };
}

function refusal(res) {
  const problem = res.json;
  const lines = [
    `Cairn refused (${res.status}${problem?.code ? ` ${problem.code}` : ''}): ${problem?.detail ?? res.text.slice(0, 500)}`,
  ];
  for (const error of problem?.errors ?? []) lines.push(`  ${error.field}: ${error.message}`);
  return lines.join('\n');
}

const short = (value) => (value.length > 200 ? `${value.slice(0, 197)}...` : value);

/** The plan as a readable diff: + created, ~ changed (- before / + after), - deprecated, = unchanged. */
export function formatPlan(plan, domain, dryRun) {
  const lines = [
    `dbt manifest ${plan.dbtSchemaVersion} (dbt ${plan.dbtVersion || '?'}, project ${plan.projectName || '?'}): ${plan.selected} of ${plan.nodesInManifest} nodes belong to ${domain}`,
    '',
  ];
  for (const entry of plan.created) {
    lines.push(`+ ${entry.type} ${entry.name} (${entry.uniqueId})`);
    for (const change of entry.changes) lines.push(`    + ${change.field}: ${short(change.after)}`);
  }
  for (const entry of plan.changed) {
    lines.push(
      `~ ${entry.type} ${entry.name} (${entry.uniqueId})${entry.wasReady ? '  [ready: its sign-offs go stale]' : ''}`,
    );
    for (const change of entry.changes) {
      lines.push(`    - ${change.field}: ${short(change.before)}`);
      lines.push(`    + ${change.field}: ${short(change.after)}`);
    }
  }
  for (const entry of plan.removed)
    lines.push(
      `- ${entry.type} ${entry.name} (${entry.uniqueId}): no longer in dbt, becomes deprecated${entry.wasReady ? '  [was ready]' : ''}`,
    );
  for (const warning of plan.warnings) lines.push(`! ${warning}`);
  lines.push(
    '',
    `${plan.created.length} to create, ${plan.changed.length} changed, ${plan.unchanged.length} unchanged, ${plan.removed.length} to deprecate`,
    dryRun
      ? `Dry run: nothing was written. Apply with: cairn dbt sync --domain ${domain} --manifest <file>`
      : plan.created.length + plan.changed.length + plan.removed.length
        ? 'Applied.'
        : 'Nothing to do: the domain is in sync with dbt.',
  );
  return lines.join('\n');
}

function formatResults(result, domain) {
  const lines = [
    `dbt run ${result.invocationId}: ${result.tests} tests on ${domain}'s artifacts, ${result.failing} failing`,
  ];
  const words = {
    opened: 'opened investigation',
    occurrence: 'occurrence added to investigation',
    offered_for_resolution: 'passes again; offered for resolution: investigation',
    passing: 'passes',
    held_before_handoff: 'fails (recorded; investigations open from hand-off on)',
    already_recorded: 'already recorded',
  };
  for (const outcome of result.outcomes)
    lines.push(
      `  ${outcome.status.padEnd(5)} ${outcome.testUniqueId}: ${words[outcome.action] ?? outcome.action}${outcome.investigationId ? ` #${outcome.investigationId}` : ''}`,
    );
  return lines.join('\n');
}

export async function main(argv, out = console.log, err = console.error) {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        domain: { type: 'string' },
        manifest: { type: 'string' },
        'run-results': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    err(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const [group, command] = args.positionals;
  if (args.values.help || group !== 'dbt' || !['sync', 'results'].includes(command)) {
    (args.values.help ? out : err)(USAGE);
    return args.values.help ? 0 : 2;
  }
  try {
    const domain = (args.values.domain ?? '').toUpperCase();
    if (!/^[A-Z][A-Z0-9]{1,9}$/.test(domain)) throw new UsageError('--domain KEY is required (such as RET)');
    const manifest = readFile(args.values.manifest, 'manifest');
    if (command === 'sync') {
      const dryRun = args.values['dry-run'];
      const res = await call('POST', `/domains/${domain}/dbt/sync${dryRun ? '?dryRun=true' : ''}`, manifest);
      if (!res.ok) {
        err(refusal(res));
        return 1;
      }
      out(formatPlan(res.json.plan, domain, dryRun));
      if (res.json.staleSignOffs)
        out(`${res.json.staleSignOffs} sign-off(s) went stale: their signers are asked again.`);
      return 0;
    }
    const runResults = readFile(args.values['run-results'], 'run-results');
    const body = Buffer.concat([
      Buffer.from('{"manifest":'),
      manifest,
      Buffer.from(',"runResults":'),
      runResults,
      Buffer.from('}'),
    ]);
    const res = await call('POST', `/domains/${domain}/dbt/results`, body);
    if (!res.ok) {
      err(refusal(res));
      return 1;
    }
    out(formatResults(res.json, domain));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`cairn: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

const invokedDirectly =
  process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url));
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
