import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf, parseCheckpointPublicKey } from '../integrity/checkpoint-signing';
import { TrustedKeyLookup } from './transfer-package.verify';

/**
 * The sender keys a deployment trusts (TRANSFER_TRUSTED_KEYS_DIR): one directory per organisation
 * id, each holding its public keys (SPKI PEM, `*.pem`, Ed25519 or SM2). Read on each import, so a
 * key added or withdrawn takes effect without a restart; a file that is not such a key is skipped.
 */
export const trustedKeysIn =
  (dir: string): TrustedKeyLookup =>
  (orgId, keyId) => {
    // An organisation id names a directory: nothing that could leave `dir`.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(orgId) || orgId.includes('..')) return undefined;
    const orgDir = join(dir, orgId);
    if (!existsSync(orgDir) || !statSync(orgDir).isDirectory()) return undefined;
    for (const name of readdirSync(orgDir).filter((n) => n.endsWith('.pem'))) {
      let key: KeyObject | undefined;
      try {
        key = parseCheckpointPublicKey(readFileSync(join(orgDir, name), 'utf8'));
      } catch {
        key = undefined;
      }
      if (key && keyIdOf(key) === keyId) return key;
    }
    return undefined;
  };
