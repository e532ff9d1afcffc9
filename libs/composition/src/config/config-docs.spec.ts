import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigGroup, ConfigVariable } from './config-variable';
import { ConfigName, configVariables } from './config.schema';

/**
 * The schema is the one declaration of the configuration; `.env.example` and the README's table
 * list every variable with the schema's type, default and description. A variable added, renamed,
 * re-defaulted or re-described in one place and not the others fails here.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

type Variable = ConfigVariable<unknown> & { readonly name: ConfigName };

const defaultText = (v: Variable): string =>
  v.default !== undefined ? `default ${v.default}` : `unset: ${v.unset ?? 'not set'}`;

/** `.env.example`: description, type and default as comments over `NAME=<default>` (empty: no default). */
const envBlock = (v: Variable): string[] => [
  `# ${v.description}`,
  `# ${v.type}; ${defaultText(v)}`,
  `${v.name}=${v.default ?? ''}`,
];

const groupOrder: readonly ConfigGroup[] = [
  'Server',
  'Authentication',
  'Login limits',
  'Storage',
  'Integrity',
  'Access log',
  'Notifications',
  'Deadlines',
];

const readmeRow = (v: Variable): string =>
  `| ${v.group} | \`${v.name}\` | ${v.type} | ${v.default !== undefined ? `\`${v.default}\`` : `unset: ${v.unset ?? 'not set'}`} | ${v.description} |`;

describe('configuration documentation', () => {
  const variables = configVariables();

  it('declares every variable once, with a description and a default or what applies when unset', () => {
    expect(new Set(variables.map((v) => v.name)).size).toBe(variables.length);
    for (const v of variables) {
      expect({
        name: v.name,
        description: v.description.length > 0,
        defaultOrUnset: v.default !== undefined || v.unset !== undefined,
      }).toEqual({
        name: v.name,
        description: true,
        defaultOrUnset: true,
      });
    }
    // Grouped as the README and .env.example show them.
    const groups = variables.map((v) => groupOrder.indexOf(v.group));
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
  });

  it('.env.example lists every variable with its default, type and description, and nothing else', () => {
    const lines = read('.env.example').split('\n');
    const assigned = lines
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));
    expect(assigned).toEqual(variables.map((v) => v.name));
    for (const v of variables) {
      const at = lines.findIndex((line) => line.startsWith(`${v.name}=`));
      expect(lines.slice(at - 2, at + 1)).toEqual(envBlock(v));
    }
  });

  it('the README table lists every variable with its type, default and description, in the order of the schema', () => {
    const rows = read('README.md')
      .split('\n')
      .filter((line) => /^\| [^|]+ \| `[A-Z][A-Z0-9_]*` \|/.test(line));
    expect(rows).toEqual(variables.map(readmeRow));
  });
});
