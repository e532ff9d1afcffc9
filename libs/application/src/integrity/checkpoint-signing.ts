import * as crypto from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CryptoSuite } from '../event-store/crypto-suite';
import { Checkpoint, checkpointSigningInput } from './checkpoint';
import { sm2PrivateKeyHex, sm2PublicKeyHex, sm2Sign, sm2Verify } from './sm2-signature';

/** Thrown when a configured key cannot be used; the message names the file, never the key. */
export class CheckpointKeyError extends Error {
  readonly code = 'INTEGRITY.KEY_UNUSABLE';
}

const spkiDer = (key: crypto.KeyObject): Buffer => key.export({ type: 'spki', format: 'der' });

/** First 16 hex digits of SHA-256 over the key's SPKI DER: short, stable, not secret. */
export const keyIdOf = (publicKey: crypto.KeyObject): string =>
  crypto.createHash('sha256').update(spkiDer(publicKey)).digest('hex').slice(0, 16);

export const samePublicKey = (a: crypto.KeyObject, b: crypto.KeyObject): boolean => spkiDer(a).equals(spkiDer(b));

/** How checkpoints are signed: Ed25519 under the `intl` suite, SM2 (GB/T 32918.2) under `gm`. */
export type SignatureAlgorithm = 'ed25519' | 'sm2';

export const signatureAlgorithmOf = (suite: CryptoSuite): SignatureAlgorithm => (suite === 'gm' ? 'sm2' : 'ed25519');

/** The algorithm of a public or private key this product signs with; undefined for any other key. */
export const keyAlgorithmOf = (key: crypto.KeyObject): SignatureAlgorithm | undefined => {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  const publicKey = key.type === 'private' ? crypto.createPublicKey(key) : key;
  return sm2PublicKeyHex(publicKey) === undefined ? undefined : 'sm2';
};

/** Parses a PEM public key and insists on Ed25519 or SM2 (or only `algorithm`); undefined when it is anything else. */
export const parseCheckpointPublicKey = (pem: string, algorithm?: SignatureAlgorithm): crypto.KeyObject | undefined => {
  try {
    const key = crypto.createPublicKey(pem);
    const found = keyAlgorithmOf(key);
    return found !== undefined && (algorithm === undefined || found === algorithm) ? key : undefined;
  } catch {
    return undefined;
  }
};

const generateKey = (algorithm: SignatureAlgorithm): crypto.KeyObject =>
  algorithm === 'sm2'
    ? crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' }).privateKey
    : crypto.generateKeyPairSync('ed25519').privateKey;

/** Signs checkpoints with one Ed25519 or SM2 private key. */
export class CheckpointSigner {
  readonly publicKey: crypto.KeyObject;
  readonly publicKeyPem: string;
  readonly keyId: string;
  readonly algorithm: SignatureAlgorithm;
  /** SM2: the raw keys sm-crypto-v2 signs with. */
  private readonly sm2Keys?: { readonly privateHex: string; readonly publicHex: string };

  constructor(private readonly privateKey: crypto.KeyObject) {
    const algorithm = privateKey.type === 'private' ? keyAlgorithmOf(privateKey) : undefined;
    if (algorithm === undefined)
      throw new CheckpointKeyError('The checkpoint signing key must be an Ed25519 or SM2 private key.');
    this.algorithm = algorithm;
    this.publicKey = crypto.createPublicKey(privateKey);
    if (algorithm === 'sm2') {
      const privateHex = sm2PrivateKeyHex(privateKey);
      const publicHex = sm2PublicKeyHex(this.publicKey);
      if (privateHex === undefined || publicHex === undefined)
        throw new CheckpointKeyError('The SM2 checkpoint signing key is not in the PKCS#8 layout OpenSSL writes.');
      this.sm2Keys = { privateHex, publicHex };
    }
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = keyIdOf(this.publicKey);
  }

  /** base64 signature over canonicalJson(checkpoint): Ed25519, or SM2's r‖s with the default user id. */
  sign(checkpoint: Checkpoint): string {
    return this.signBytes(checkpointSigningInput(checkpoint));
  }

  /** base64 signature over any bytes (a transfer package's manifest, an audit log bundle), as {@link sign}. */
  signBytes(input: Uint8Array): string {
    if (this.sm2Keys) return sm2Sign(input, this.sm2Keys.privateHex, this.sm2Keys.publicHex).toString('base64');
    return crypto.sign(null, input, this.privateKey).toString('base64');
  }

  /** Refuses a key of the other suite: a store never mixes suites, its checkpoints neither. */
  assertSuite(suite: CryptoSuite, file: string): this {
    const wanted = signatureAlgorithmOf(suite);
    if (this.algorithm !== wanted)
      throw new CheckpointKeyError(
        `${file} holds an ${this.algorithm} key, but the store's crypto suite ${suite} signs with ${wanted}.`,
      );
    return this;
  }

  static generate(algorithm: SignatureAlgorithm = 'ed25519'): CheckpointSigner {
    return new CheckpointSigner(generateKey(algorithm));
  }

  /**
   * The key in `file` (PKCS#8 PEM); when `create` is set and the file does not exist, a new key
   * is generated and written with mode 0600 (exclusively: two processes starting at once do not
   * overwrite each other's key — the loser reads the winner's).
   */
  static fromFile(
    file: string,
    options: { readonly create: boolean; readonly algorithm?: SignatureAlgorithm },
  ): CheckpointSigner {
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !options.create) {
        throw new CheckpointKeyError(`Cannot read the checkpoint signing key ${file}.`, { cause: error });
      }
      pem = createKeyFile(file, options.algorithm ?? 'ed25519');
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

const createKeyFile = (file: string, algorithm: SignatureAlgorithm): string => {
  const pem = generateKey(algorithm).export({ type: 'pkcs8', format: 'pem' }).toString();
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

/** True when `signature` (base64) is `publicKey`'s Ed25519 or SM2 signature over the checkpoint. */
export const verifyCheckpointSignature = (
  checkpoint: Checkpoint,
  signature: string,
  publicKey: crypto.KeyObject,
): boolean => verifySignedBytes(checkpointSigningInput(checkpoint), signature, publicKey);

/** True when `signature` (base64) is `publicKey`'s Ed25519 or SM2 signature over `input`; never throws. */
export const verifySignedBytes = (input: Uint8Array, signature: string, publicKey: crypto.KeyObject): boolean => {
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64) return false;
  const sm2Public = sm2PublicKeyHex(publicKey);
  if (sm2Public !== undefined) return sm2Verify(input, bytes, sm2Public);
  try {
    return crypto.verify(null, input, publicKey, bytes);
  } catch {
    return false;
  }
};
