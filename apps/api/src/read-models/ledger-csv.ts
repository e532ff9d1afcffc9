import { Readable } from 'node:stream';
import { CsvValue, csvCell, toCsv } from '@xj/application';

/**
 * A ledger as CSV, streamed (issue 19 §3): the BOM (so that spreadsheet programs read the Chinese
 * text as UTF-8) and the header first, then each chunk of rows as it arrives; a chunk is only read
 * when the response has taken the previous one (Readable.from pulls). The last chunk is held back
 * until `beforeEnd` (the export's access-log record) has succeeded: when it fails, the stream is
 * destroyed and the download ends incomplete.
 */
export const ledgerCsv = (
  header: readonly string[],
  chunks: AsyncIterable<readonly (readonly CsvValue[])[]>,
  beforeEnd: () => Promise<void>,
): Readable => {
  async function* text(): AsyncGenerator<string> {
    yield `\uFEFF${toCsv(header, [])}`;
    let pending: string | undefined;
    for await (const rows of chunks) {
      if (rows.length === 0) continue;
      if (pending !== undefined) yield pending;
      pending = `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
    }
    await beforeEnd();
    if (pending !== undefined) yield pending;
  }
  return Readable.from(text(), { objectMode: false });
};
