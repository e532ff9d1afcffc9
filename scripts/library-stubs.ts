/**
 * `@xj/*` at run time without tsconfig-paths: for every alias of tsconfig's `paths`, a stub package
 * under `<outDir>/node_modules` re-exports the compiled module, so that Node's own resolution finds
 * it from every file of the compiled tree: in the main thread, in worker threads, and in a
 * production install (`npm ci --omit=dev`), which has neither tsconfig-paths nor ts-node.
 * `npm run build` writes them into dist/ (run as a script: the aliases of tsconfig.build.json);
 * the benchmarks into their compiled tree. A new library needs nothing here: every alias is read.
 *
 * Files that re-export rather than symlinks: every way of copying dist/ (Docker COPY, an archive,
 * cp) keeps plain files as they are, and a stub hands out the compiled module's own exports
 * object, so each module is still loaded once and `instanceof` holds across libraries.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

export interface LibraryAliases {
  /** compilerOptions.paths, e.g. `"@xj/domain/*": ["./libs/domain/src/*"]`. */
  readonly paths: Readonly<Record<string, readonly string[]>>;
  /** The directory the paths' targets are relative to (baseUrl, or the tsconfig that sets them). */
  readonly pathsBase: string;
  /** The compiler's rootDir: the compiled tree mirrors it under outDir. */
  readonly rootDir: string;
}

export interface LibraryStubs {
  /** The aliases that resolve now, e.g. `@xj/application`, `@xj/application/*`. */
  readonly written: readonly string[];
  /** The aliases with nothing compiled behind them (a test-only library the build leaves out). */
  readonly skipped: readonly string[];
}

const WILDCARD = '/*';

const posix = (path: string): string => path.split(sep).join('/');

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageOf = (alias: string): string =>
  alias
    .split('/')
    .slice(0, alias.startsWith('@') ? 2 : 1)
    .join('/');

const jsFiles = (dir: string, prefix = ''): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : jsFiles(path, join(prefix, name));
    return name.endsWith('.js') ? [join(prefix, name)] : [];
  });

const writeStub = (stub: string, target: string, alias: string): void => {
  const path = posix(relative(dirname(stub), target));
  mkdirSync(dirname(stub), { recursive: true });
  writeFileSync(
    stub,
    `// Written by scripts/library-stubs.ts: ${alias}\nmodule.exports = require(${JSON.stringify(path.startsWith('.') ? path : `./${path}`)});\n`,
  );
};

/** Where the compiler put what a target names (a `.ts` extension dropped), checked to stay in the tree. */
const compiledPath = (aliases: LibraryAliases, outDir: string, alias: string, target: string): string => {
  const inRoot = relative(aliases.rootDir, resolve(aliases.pathsBase, target.replace(/(\.d)?\.tsx?$/, '')));
  if (inRoot.startsWith('..'))
    throw new Error(`tsconfig paths: ${alias} → ${target} is outside rootDir ${aliases.rootDir}`);
  return join(outDir, inRoot);
};

/** Writes the stubs of every alias into `outDir/node_modules` (those of earlier runs are replaced). */
export const writeLibraryStubs = (aliases: LibraryAliases, outDir: string): LibraryStubs => {
  const modules = join(outDir, 'node_modules');
  for (const name of new Set(Object.keys(aliases.paths).map(packageOf)))
    rmSync(join(modules, name), { recursive: true, force: true });
  const written: string[] = [];
  const skipped: string[] = [];
  // Exact aliases last: where `@xj/x` and `@xj/x/*` both name `src/index`, the stub names the library.
  const entries = Object.entries(aliases.paths).sort(
    ([a], [b]) => Number(!a.endsWith(WILDCARD)) - Number(!b.endsWith(WILDCARD)),
  );
  for (const [alias, targets] of entries) {
    if (alias.includes('*') && !(alias.endsWith(WILDCARD) && alias.indexOf('*') === alias.length - 1)) {
      throw new Error(`tsconfig paths: ${alias}: only a trailing /* is supported`);
    }
    let found = false;
    if (alias.endsWith(WILDCARD)) {
      // As the compiler, an earlier target wins: written last.
      for (const target of [...targets].reverse()) {
        if (!target.endsWith(WILDCARD) || target.indexOf('*') !== target.length - 1)
          throw new Error(`tsconfig paths: ${alias} → ${target}: only a trailing /* is supported`);
        const dir = compiledPath(aliases, outDir, alias, target.slice(0, -WILDCARD.length));
        if (!existsSync(dir)) continue;
        for (const file of jsFiles(dir))
          writeStub(join(modules, alias.slice(0, -WILDCARD.length), file), join(dir, file), alias);
        found = true;
      }
    } else {
      const module = targets
        .map((target) => compiledPath(aliases, outDir, alias, target))
        .flatMap((path) => [`${path}.js`, join(path, 'index.js')])
        .find((file) => existsSync(file));
      if (module) writeStub(join(modules, alias, 'index.js'), module, alias);
      found = module !== undefined;
    }
    (found ? written : skipped).push(alias);
  }
  return { written, skipped };
};

/** The aliases a tsconfig file (with what it extends) declares. */
export const readLibraryAliases = (configFile: string): LibraryAliases & { readonly outDir?: string } => {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`Cannot read ${configFile}`);
  const { paths = {}, baseUrl, rootDir, outDir } = parsed.options;
  // The compiler resolves paths from baseUrl or, without one, from the tsconfig that declares them.
  const declaredIn = parsed.options.pathsBasePath;
  const pathsBase = baseUrl ?? (typeof declaredIn === 'string' ? declaredIn : dirname(configFile));
  return { paths, pathsBase, rootDir: rootDir ?? dirname(configFile), outDir };
};

if (require.main === module) {
  const aliases = readLibraryAliases(resolve(__dirname, '..', 'tsconfig.build.json'));
  if (!aliases.outDir) throw new Error('tsconfig.build.json sets no outDir');
  const { written, skipped } = writeLibraryStubs(aliases, aliases.outDir);
  process.stdout.write(
    `library stubs in ${relative(process.cwd(), join(aliases.outDir, 'node_modules')) || '.'}: ${written.join(', ')}${skipped.length ? ` (not built: ${skipped.join(', ')})` : ''}\n`,
  );
}
