import * as crypto from 'node:crypto';
import { sm2, sm3 } from 'sm-crypto-v2';
import { SM2_DEFAULT_USER_ID, sm2PrivateKeyHex, sm2PublicKeyHex, sm2Sign, sm2Verify } from './sm2-signature';

/**
 * GM/T 0003.5-2012 (the SM2 parameters and examples behind GB/T 32918.2-2016), signature example
 * on the recommended curve sm2p256v1: message "message digest", user id 1234567812345678.
 */
const VECTOR = {
  message: 'message digest',
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '04' +
    '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
    'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

// sm2p256v1 (GB/T 32918.5-2017), for the independent check below.
const P = BigInt('0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff');
const A = P - 3n;
const N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');
const G = {
  x: BigInt('0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7'),
  y: BigInt('0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0'),
};
type Point = { x: bigint; y: bigint } | null;
const mod = (a: bigint, m = P): bigint => ((a % m) + m) % m;
const inverse = (a: bigint, m = P): bigint => {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return mod(s0, m);
};
const add = (p: Point, q: Point): Point => {
  if (p === null) return q;
  if (q === null) return p;
  if (p.x === q.x && mod(p.y + q.y) === 0n) return null;
  const l = p.x === q.x ? mod((3n * p.x * p.x + A) * inverse(2n * p.y)) : mod((q.y - p.y) * inverse(q.x - p.x));
  const x = mod(l * l - p.x - q.x);
  return { x, y: mod(l * (p.x - x) - p.y) };
};
const multiply = (k: bigint, p: Point): Point => {
  let result: Point = null;
  for (let addend = p, n = k; n > 0n; n >>= 1n, addend = add(addend, addend)) if (n & 1n) result = add(result, addend);
  return result;
};
const hex = (n: bigint): string => n.toString(16).padStart(64, '0');

/** GB/T 32918.2 §7 verification, written from the standard (Node's SM3 for the hashes): not the library's code. */
const independentVerify = (message: string, r: bigint, s: bigint, publicKey: string, userId: string): boolean => {
  const q = { x: BigInt('0x' + publicKey.slice(2, 66)), y: BigInt('0x' + publicKey.slice(66)) };
  const id = Buffer.from(userId, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  const za = crypto
    .createHash('sm3')
    .update(
      Buffer.concat([
        entl,
        id,
        ...[A, BigInt('0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93'), G.x, G.y, q.x, q.y].map(
          (v) => Buffer.from(hex(v), 'hex'),
        ),
      ]),
    )
    .digest();
  const e = BigInt(
    '0x' +
      crypto
        .createHash('sm3')
        .update(Buffer.concat([za, Buffer.from(message, 'utf8')]))
        .digest('hex'),
  );
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const point = add(multiply(s, G), multiply(t, q));
  return point !== null && mod(e + point.x, N) === r;
};

describe('SM2 signatures (GB/T 32918.2-2016 via sm-crypto-v2)', () => {
  it("verifies GM/T 0003.5's published example signature, and refuses it for another message or user id", () => {
    const signature = Buffer.from(VECTOR.r + VECTOR.s, 'hex');
    const message = Buffer.from(VECTOR.message, 'utf8');
    expect(SM2_DEFAULT_USER_ID).toBe('1234567812345678');
    expect(sm2.getPublicKeyFromPrivateKey(VECTOR.d)).toBe(VECTOR.publicKey);
    expect(sm2Verify(message, signature, VECTOR.publicKey)).toBe(true);
    expect(sm2Verify(Buffer.from('message digesT'), signature, VECTOR.publicKey)).toBe(false);
    expect(
      sm2.doVerifySignature(VECTOR.message, VECTOR.r + VECTOR.s, VECTOR.publicKey, {
        hash: true,
        userId: 'ALICE123@YAHOO.COM',
      }),
    ).toBe(false);
    expect(sm2Verify(message, signature.subarray(1), VECTOR.publicKey)).toBe(false);
  });

  it('reproduces the example signature exactly when signing with its fixed k', () => {
    const k = BigInt('0x' + VECTOR.k);
    const x1 = BigInt('0x' + sm2.getPublicKeyFromPrivateKey(VECTOR.k).slice(2, 66));
    const signed = sm2.doSignature(VECTOR.message, VECTOR.d, {
      hash: true,
      userId: SM2_DEFAULT_USER_ID,
      pointPool: [{ k, x1 }],
    });
    expect(signed).toBe(VECTOR.r + VECTOR.s);
  });

  it('agrees with an independent verifier written from the standard, on the example and on a fresh signature', () => {
    expect(
      independentVerify(
        VECTOR.message,
        BigInt('0x' + VECTOR.r),
        BigInt('0x' + VECTOR.s),
        VECTOR.publicKey,
        SM2_DEFAULT_USER_ID,
      ),
    ).toBe(true);
    expect(
      independentVerify(
        'other',
        BigInt('0x' + VECTOR.r),
        BigInt('0x' + VECTOR.s),
        VECTOR.publicKey,
        SM2_DEFAULT_USER_ID,
      ),
    ).toBe(false);
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const d = sm2PrivateKeyHex(privateKey) as string;
    const q = sm2PublicKeyHex(publicKey) as string;
    expect(sm2.getPublicKeyFromPrivateKey(d)).toBe(q);
    const signature = sm2Sign(Buffer.from('checkpoint 检查点', 'utf8'), d, q);
    const r = BigInt('0x' + signature.subarray(0, 32).toString('hex'));
    const s = BigInt('0x' + signature.subarray(32).toString('hex'));
    expect(independentVerify('checkpoint 检查点', r, s, q, SM2_DEFAULT_USER_ID)).toBe(true);
  });

  it("reads Node's SM2 keys (PKCS#8, SPKI) and nothing else", () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' });
    expect(sm2PrivateKeyHex(privateKey)).toMatch(/^[0-9a-f]{64}$/);
    expect(sm2PublicKeyHex(publicKey)).toMatch(/^04[0-9a-f]{128}$/);
    const p256 = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    expect(sm2PrivateKeyHex(p256.privateKey)).toBeUndefined();
    expect(sm2PublicKeyHex(p256.publicKey)).toBeUndefined();
    expect(sm2PublicKeyHex(privateKey)).toBeUndefined();
    expect(sm3('abc')).toBe(crypto.createHash('sm3').update('abc').digest('hex'));
  });
});
