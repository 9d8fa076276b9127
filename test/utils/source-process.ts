import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface SourceProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when its output contains `text` (fails on exit or after `timeoutMs`). */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a TypeScript entry point of the repository (`src/main.ts`, ...) as its own process. */
export function spawnSource(path: string, env: NodeJS.ProcessEnv): SourceProcess {
  let output = '';
  const child = spawn(process.execPath, ['-r', 'ts-node/register', join(ROOT, path)], {
    cwd: ROOT,
    env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_SWC: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const matches = (text: string | RegExp) => (typeof text === 'string' ? output.includes(text) : text.test(output));
  return {
    child,
    output: () => output,
    exited: () => exit,
    waitFor: (text, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!matches(text)) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${String(text)} within ${timeoutMs} ms; output:\n${output.slice(-3000)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exit.then(({ code, signal }) => {
          if (!listeners.has(check)) return;
          cleanup();
          reject(new Error(`exited (${code ?? signal}) before ${String(text)}; output:\n${output.slice(-3000)}`));
        });
        check();
      }),
  };
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
