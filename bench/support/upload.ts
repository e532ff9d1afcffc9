/** The evidence upload of bench:upload and bench:documents: one file streamed as multipart/form-data to a clue. */
import { request } from 'node:http';
import { BenchServer } from './bench-server';
import { benchKey } from './command-mix';

const CHUNK = 256 * 1024;

/** Uploads `size` bytes (a PDF header, then the pattern) as the multipart field `file`; resolves with the answer. */
export const uploadFile = (
  server: BenchServer,
  token: string,
  clueId: string,
  size: number,
  pattern: Buffer,
): Promise<{ readonly status: number; readonly body: string }> =>
  new Promise((resolve, reject) => {
    const boundary = `xj${benchKey()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const url = new URL(`${server.baseUrl}/api/v1/clues/${clueId}/attachments`);
    const req = request(
      {
        method: 'POST',
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + size + tail.length),
          'idempotency-key': benchKey(),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString() }));
      },
    );
    req.on('error', reject);
    const pdf = Buffer.from('%PDF-1.7\n');
    req.write(head);
    req.write(pdf);
    let sent = pdf.length;
    const pump = (): void => {
      while (sent < size) {
        const chunk = pattern.subarray(0, Math.min(CHUNK, size - sent));
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
