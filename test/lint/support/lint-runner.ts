import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** A small source placed where it would live: the repository's configuration picks the rules by its path. */
export interface LintCase {
  readonly file: string;
  readonly code: string;
}

/**
 * The real ESLint on the repository's configuration (eslint.config.mjs): for each case, its
 * messages as `ruleId: message`. One child process for every case, so the TypeScript parser loads
 * once; a child because the configuration is an ES module, which jest's CommonJS runtime cannot import.
 */
export const lintCases = (cases: readonly LintCase[]): string[][] => {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const found = [];
      for (const c of cases) {
        const [result] = await eslint.lintText(c.code, { filePath: c.file });
        found.push(result.messages.map((m) => m.ruleId + ': ' + m.message));
      }
      process.stdout.write(JSON.stringify(found));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' }),
  ) as string[][];
};

/** Lints every named case at once and answers each one's messages by its name. */
export const lintNamed = <K extends string>(cases: Readonly<Record<K, LintCase>>): Record<K, string[]> => {
  const names = Object.keys(cases) as K[];
  const results = lintCases(names.map((name) => cases[name]));
  return Object.fromEntries(names.map((name, i) => [name, results[i] ?? []])) as Record<K, string[]>;
};
