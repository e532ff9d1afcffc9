import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReadOnlyFiles {
  /** Makes the files writable again (call it in `finally`: an immutable file cannot be deleted). */
  undo(): void;
}

const chattr = (flag: '+i' | '-i', files: readonly string[]): void => {
  execFileSync('chattr', [flag, ...files], { stdio: 'ignore' });
};

/**
 * Makes files read-only for a process that already has them open — the situation of a store
 * whose disk turns read-only under it. `chmod` cannot do that (an open descriptor keeps its
 * access, and root ignores modes); the immutable attribute can, for root too: `chattr +i`, which
 * needs CAP_LINUX_IMMUTABLE and a file system that supports it (ext4, xfs, btrfs). Undefined
 * where it cannot be done.
 */
export const makeFilesReadOnly = (files: readonly string[]): ReadOnlyFiles | undefined => {
  try {
    chattr('+i', files);
  } catch {
    return undefined;
  }
  return { undo: () => chattr('-i', files) };
};

/** Whether {@link makeFilesReadOnly} works here: tried on a file in the temp directory (where the specs' stores live). */
export const canMakeFilesReadOnly = (): boolean => {
  const dir = mkdtempSync(join(tmpdir(), 'xj-readonly-'));
  const file = join(dir, 'probe');
  writeFileSync(file, 'x');
  const readOnly = makeFilesReadOnly([file]);
  try {
    if (!readOnly) return false;
    try {
      appendFileSync(file, 'y');
      return false;
    } catch {
      return true;
    }
  } finally {
    readOnly?.undo();
    rmSync(dir, { recursive: true, force: true });
  }
};
