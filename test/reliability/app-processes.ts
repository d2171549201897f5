import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Real app processes for the multi-process tests: the server compiled once into a scratch folder
 * and started with `node`, as `npm start` and the Dockerfile do.
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Compiles server, shared and migrations into a folder under node_modules/.cache (inside the repo,
 * so the compiled files still find node_modules). `--noCheck`: `npm run typecheck` checks types;
 * emitting alone takes a few seconds. Returns the folder.
 */
export function buildServer(name: string): string {
  const outDir = path.join(REPO_ROOT, 'node_modules', '.cache', name);
  fs.rmSync(outDir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      outDir,
      '--noCheck',
      '--sourceMap',
      'false',
    ],
    { cwd: REPO_ROOT, stdio: 'pipe' },
  );
  return outDir;
}

/** A port nothing listens on right now. */
export interface AppProcess {
  name: string;
  /** http://127.0.0.1:<port>, once the process has said which port it listens on; '' before */
  url: string;
  child: ChildProcess;
  /** stdout and stderr, interleaved */
  output: string[];
  /** resolves with the exit code (null when killed by a signal) */
  exited: Promise<number | null>;
  exitCode(): number | null | undefined;
}

/**
 * Starts `node <build>/server/index.js` with the given environment on a port the system picks
 * (PORT=0), and learns the port from the line the server prints. (A port picked here and handed
 * over could be taken in between by another test's server, which would then answer for it.)
 */
export function startAppProcess(name: string, buildDir: string, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [path.join(buildDir, 'server', 'index.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let code: number | null | undefined;
  const app: AppProcess = { name, url: '', child, output, exited: Promise.resolve(null), exitCode: () => code };
  child.stdout!.on('data', (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    const port = /running on http:\/\/localhost:(\d+)/.exec(output.join(''))?.[1];
    if (port && !app.url) app.url = `http://127.0.0.1:${port}`;
  });
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  app.exited = new Promise<number | null>((resolve) =>
    child.on('exit', (exitCode) => {
      code = exitCode;
      resolve(exitCode);
    }),
  );
  return app;
}

/** Waits until the process answers /api/v1/health with 200; fails early if it exits. */
export async function waitUntilHealthy(app: AppProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode() !== undefined) {
      throw new Error(`${app.name} exited with ${app.exitCode()} before it was healthy:\n${app.output.join('')}`);
    }
    try {
      const res = app.url ? await fetch(`${app.url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) }) : null;
      if (res?.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${app.name} was not healthy after ${timeoutMs} ms:\n${app.output.join('')}`);
}

/** Stops a process that may still run: SIGKILL, as a last resort in afterAll. */
export async function killAppProcess(app: AppProcess | undefined): Promise<void> {
  if (!app || app.exitCode() !== undefined) return;
  app.child.kill('SIGKILL');
  await app.exited;
}

export interface ApiAnswer {
  status: number;
  contentType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes, read by tests
  body: any;
  setCookie: string[];
}

/** One JSON request with a session cookie (and the CSRF header cookie-authenticated mutations need). */
export async function callApi(
  baseUrl: string,
  method: string,
  route: string,
  options: { cookie?: string; body?: unknown } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { 'x-cairn-csrf': '1' };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}/api/v1${route}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    contentType,
    body: contentType.includes('json') && text ? JSON.parse(text) : text,
    setCookie: res.headers.getSetCookie(),
  };
}

/** Signs in and returns the session cookie (`name=value`) and the user's id. */
export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ cookie: string; userId: string }> {
  const res = await callApi(baseUrl, 'POST', '/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login of ${email} on ${baseUrl}: ${res.status} ${JSON.stringify(res.body)}`);
  return { cookie: res.setCookie[0].split(';')[0], userId: res.body.user.id };
}
