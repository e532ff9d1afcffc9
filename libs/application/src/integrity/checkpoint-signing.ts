import * as crypto from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Checkpoint, checkpointSigningInput } from './checkpoint';

/** Thrown when a configured key cannot be used; the message names the file, never the key. */
export class CheckpointKeyError extends Error {
  readonly code = 'INTEGRITY.KEY_UNUSABLE';
}

const spkiDer = (key: crypto.KeyObject): Buffer => key.export({ type: 'spki', format: 'der' });

/** First 16 hex digits of SHA-256 over the key's SPKI DER: short, stable, not secret. */
export const keyIdOf = (publicKey: crypto.KeyObject): string =>
  crypto.createHash('sha256').update(spkiDer(publicKey)).digest('hex').slice(0, 16);

export const samePublicKey = (a: crypto.KeyObject, b: crypto.KeyObject): boolean => spkiDer(a).equals(spkiDer(b));

/** Parses a PEM public key and insists on Ed25519; undefined when it is anything else. */
export const parseEd25519PublicKey = (pem: string): crypto.KeyObject | undefined => {
  try {
    const key = crypto.createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
};

/** Signs checkpoints with one Ed25519 private key. */
export class CheckpointSigner {
  readonly publicKey: crypto.KeyObject;
  readonly publicKeyPem: string;
  readonly keyId: string;

  constructor(private readonly privateKey: crypto.KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519')
      throw new CheckpointKeyError('The checkpoint signing key must be an Ed25519 private key.');
    this.publicKey = crypto.createPublicKey(privateKey);
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = keyIdOf(this.publicKey);
  }

  /** base64 Ed25519 signature over canonicalJson(checkpoint). */
  sign(checkpoint: Checkpoint): string {
    return crypto.sign(null, checkpointSigningInput(checkpoint), this.privateKey).toString('base64');
  }

  static generate(): CheckpointSigner {
    return new CheckpointSigner(crypto.generateKeyPairSync('ed25519').privateKey);
  }

  /**
   * The key in `file` (PKCS#8 PEM); when `create` is set and the file does not exist, a new key
   * is generated and written with mode 0600 (exclusively: two processes starting at once do not
   * overwrite each other's key — the loser reads the winner's).
   */
  static fromFile(file: string, options: { readonly create: boolean }): CheckpointSigner {
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !options.create) {
        throw new CheckpointKeyError(`Cannot read the checkpoint signing key ${file}.`, { cause: error });
      }
      pem = createKeyFile(file);
    }
    let key: crypto.KeyObject;
    try {
      key = crypto.createPrivateKey(pem);
    } catch (error) {
      throw new CheckpointKeyError(`${file} does not hold a PEM private key.`, { cause: error });
    }
    return new CheckpointSigner(key);
  }
}

const createKeyFile = (file: string): string => {
  const pem = crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    // The umask may have narrowed the mode further, never widened it; make it exactly 0600.
    chmodSync(file, 0o600);
    return pem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8');
    throw new CheckpointKeyError(`Cannot create the checkpoint signing key ${file}.`, { cause: error });
  }
};

/** True when `signature` (base64) is `publicKey`'s Ed25519 signature over the checkpoint. */
export const verifyCheckpointSignature = (
  checkpoint: Checkpoint,
  signature: string,
  publicKey: crypto.KeyObject,
): boolean => {
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64) return false;
  try {
    return crypto.verify(null, checkpointSigningInput(checkpoint), publicKey, bytes);
  } catch {
    return false;
  }
};
