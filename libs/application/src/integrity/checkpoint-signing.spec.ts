import * as crypto from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { CheckpointV1, checkpointSigningInput } from './checkpoint';
import {
  CheckpointKeyError,
  CheckpointSigner,
  keyIdOf,
  parseCheckpointPublicKey,
  verifyCheckpointSignature,
} from './checkpoint-signing';

const checkpoint = (o: Partial<CheckpointV1> = {}): CheckpointV1 => ({
  version: 1,
  createdAt: '2026-03-02T08:30:00.000Z',
  globalPosition: '7',
  streamCount: 1,
  eventCount: 3,
  heads: [{ streamId: 'clue-1', revision: '2', hash: 'a'.repeat(64) }],
  headsDigest: 'b'.repeat(64),
  orderDigest: 'c'.repeat(64),
  keyId: 'k',
  ...o,
});

describe('checkpoint signing keys', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'xj-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key on first use, readable by its owner only, and reuses it afterwards', () => {
    const file = join(dir, 'nested', 'checkpoint-signing-key.pem');
    const first = CheckpointSigner.fromFile(file, { create: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = CheckpointSigner.fromFile(file, { create: true });
    expect(again.keyId).toBe(first.keyId);
    expect(again.publicKeyPem).toBe(first.publicKeyPem);
    expect(first.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('never invents a key for a configured file that is missing, nor accepts a key other than Ed25519 or SM2', () => {
    expect(() => CheckpointSigner.fromFile(join(dir, 'missing.pem'), { create: false })).toThrow(CheckpointKeyError);
    const rsa = crypto
      .generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(join(dir, 'rsa.pem'), rsa);
    expect(() => CheckpointSigner.fromFile(join(dir, 'rsa.pem'), { create: false })).toThrow(/Ed25519 or SM2/);
    const p256 = crypto
      .generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(join(dir, 'p256.pem'), p256);
    expect(() => CheckpointSigner.fromFile(join(dir, 'p256.pem'), { create: false })).toThrow(/Ed25519 or SM2/);
    writeFileSync(join(dir, 'junk.pem'), 'not a key');
    expect(() => CheckpointSigner.fromFile(join(dir, 'junk.pem'), { create: false })).toThrow(/PEM private key/);
  });

  it('signs so that only the same checkpoint under the same key verifies', () => {
    const signer = CheckpointSigner.generate();
    const signature = signer.sign(checkpoint());
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(verifyCheckpointSignature(checkpoint(), signature, signer.publicKey)).toBe(true);
    // Key order of the document does not matter: the signature covers the canonical encoding.
    const { keyId, ...rest } = checkpoint();
    const reordered = JSON.parse(JSON.stringify({ keyId, ...rest })) as CheckpointV1;
    expect(Object.keys(reordered)[0]).toBe('keyId');
    expect(verifyCheckpointSignature(reordered, signature, signer.publicKey)).toBe(true);
    expect(verifyCheckpointSignature(checkpoint({ eventCount: 4 }), signature, signer.publicKey)).toBe(false);
    expect(verifyCheckpointSignature(checkpoint(), signature, CheckpointSigner.generate().publicKey)).toBe(false);
    expect(verifyCheckpointSignature(checkpoint(), 'AAAA', signer.publicKey)).toBe(false);
  });

  it('under the gm suite creates an SM2 key, signs standard SM2 (r‖s), and refuses a key of the other suite', () => {
    const file = join(dir, 'gm-key.pem');
    const signer = CheckpointSigner.fromFile(file, { create: true, algorithm: 'sm2' }).assertSuite('gm', file);
    expect(signer.algorithm).toBe('sm2');
    expect(CheckpointSigner.fromFile(file, { create: true }).keyId).toBe(signer.keyId);
    const signature = signer.sign(checkpoint());
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(verifyCheckpointSignature(checkpoint(), signature, signer.publicKey)).toBe(true);
    expect(verifyCheckpointSignature(checkpoint({ eventCount: 4 }), signature, signer.publicKey)).toBe(false);
    expect(verifyCheckpointSignature(checkpoint(), signature, CheckpointSigner.generate('sm2').publicKey)).toBe(false);
    // A second implementation: sm-crypto-v2's verifier over the raw public point, with the default user id.
    const point = signer.publicKey.export({ type: 'spki', format: 'der' }).subarray(-65).toString('hex');
    expect(
      sm2.doVerifySignature(
        checkpointSigningInput(checkpoint()),
        Buffer.from(signature, 'base64').toString('hex'),
        point,
        { hash: true, userId: '1234567812345678' },
      ),
    ).toBe(true);
    expect(() => signer.assertSuite('intl', file)).toThrow(CheckpointKeyError);
    const ed = join(dir, 'ed.pem');
    expect(() => CheckpointSigner.fromFile(ed, { create: true }).assertSuite('gm', ed)).toThrow(/ed25519/);
    expect(parseCheckpointPublicKey(signer.publicKeyPem, 'sm2')).toBeDefined();
    expect(parseCheckpointPublicKey(signer.publicKeyPem, 'ed25519')).toBeUndefined();
  });

  it('parses Ed25519 and SM2 public keys only and derives a stable key id', () => {
    const signer = CheckpointSigner.generate();
    const parsed = parseCheckpointPublicKey(signer.publicKeyPem);
    expect(parsed && keyIdOf(parsed)).toBe(signer.keyId);
    const rsaPublic = crypto
      .generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(parseCheckpointPublicKey(rsaPublic)).toBeUndefined();
    expect(parseCheckpointPublicKey('garbage')).toBeUndefined();
  });
});
