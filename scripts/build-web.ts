/**
 * `npm run build:web` (part of `npm run build`, so of `npm start`): builds the workbench
 * (apps/web) into dist/web with Vite when dist/web is missing or older than any of its sources,
 * the Vite configuration or the lock file; otherwise leaves it as it is, so a restart does not
 * wait for a front-end build that would produce the same files. WEB_BUILD=always forces it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const WEB = join(ROOT, 'apps', 'web');
const BUILT = join(ROOT, 'dist', 'web', 'index.html');

/** The newest modification time of a file or, recursively, of a directory's files. */
const newest = (path: string): number => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
};

export const webBuildIsStale = (): boolean =>
  !existsSync(BUILT) || Math.max(newest(WEB), newest(join(ROOT, 'package-lock.json'))) > statSync(BUILT).mtimeMs;

if (require.main === module) {
  if (process.env.WEB_BUILD !== 'always' && !webBuildIsStale()) {
    process.stdout.write('build:web: dist/web is up to date\n');
  } else {
    const vite = spawnSync(
      process.execPath,
      [
        join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'),
        'build',
        '--config',
        join(WEB, 'vite.config.mts'),
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
    process.exitCode = vite.status ?? 1;
  }
}
