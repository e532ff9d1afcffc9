import type { KeyObject } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';

/**
 * SM2 signatures (GB/T 32918.2-2016) over Node's key objects. Node parses and writes SM2 keys
 * (PKCS#8 / SPKI, curve sm2p256v1) but its signature omits the user-id digest Z_A, so it is not a
 * standard SM2 signature: sm-crypto-v2 signs, with e = SM3(Z_A ‖ M) and the default user id of
 * GB/T 35276-2017 §5.3 (`1234567812345678`). Checked against GM/T 0003.5's example in
 * sm2-signature.spec.ts.
 */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

// DER of SEQUENCE { id-ecPublicKey, sm2p256v1 (1.2.156.10197.1.301) }, then BIT STRING 04‖x‖y.
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');
// PKCS#8 as OpenSSL writes an SM2 key: version 0, the same algorithm, then ECPrivateKey's version 1 and OCTET STRING d.
const PKCS8_PREFIX = Buffer.from('020100301306072a8648ce3d020106082a811ccf5501822d04', 'hex');

/** The uncompressed public point (04‖x‖y, hex) when `key` is an SM2 public key; undefined otherwise. */
export const sm2PublicKeyHex = (key: KeyObject): string | undefined => {
  if (key.type !== 'public') return undefined;
  const der = key.export({ type: 'spki', format: 'der' });
  return der.length === SPKI_PREFIX.length + 65 && der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)
    ? der.subarray(SPKI_PREFIX.length).toString('hex')
    : undefined;
};

/** The private scalar d (hex) when `key` is an SM2 private key; undefined otherwise. */
export const sm2PrivateKeyHex = (key: KeyObject): string | undefined => {
  if (key.type !== 'private') return undefined;
  const der = key.export({ type: 'pkcs8', format: 'der' });
  // SEQUENCE header (2 or 3 bytes), the prefix, the OCTET STRING's length, then ECPrivateKey: 30 len 020101 0420 d.
  const at = der.indexOf(PKCS8_PREFIX);
  if (at < 0 || at > 3) return undefined;
  const inner = der.indexOf(Buffer.from('0201010420', 'hex'), at + PKCS8_PREFIX.length);
  if (inner < 0 || inner > at + PKCS8_PREFIX.length + 4 || der.length < inner + 5 + 32) return undefined;
  return der.subarray(inner + 5, inner + 5 + 32).toString('hex');
};

/** r‖s (64 bytes) of the standard SM2 signature of `message`. */
export const sm2Sign = (message: Uint8Array, privateKeyHex: string, publicKeyHex: string): Buffer =>
  Buffer.from(
    sm2.doSignature(message, privateKeyHex, { hash: true, publicKey: publicKeyHex, userId: SM2_DEFAULT_USER_ID }),
    'hex',
  );

/** Whether `signature` (r‖s, 64 bytes) is the standard SM2 signature of `message` by `publicKeyHex`; never throws. */
export const sm2Verify = (message: Uint8Array, signature: Uint8Array, publicKeyHex: string): boolean => {
  if (signature.length !== 64) return false;
  try {
    return sm2.doVerifySignature(message, Buffer.from(signature).toString('hex'), publicKeyHex, {
      hash: true,
      userId: SM2_DEFAULT_USER_ID,
    });
  } catch {
    return false;
  }
};
