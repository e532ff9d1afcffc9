/**
 * The measured part of `npm run bench:verify`, in a process of its own running compiled
 * JavaScript as production does (the API's integrity route, the CLI on dist/): verifyAll through
 * the SqliteEventStore over VERIFY_FILE, with the store's defaults. Reports over IPC.
 */
import { verifyAll } from '@xj/application';
import { SqliteEventStore } from '@xj/sqlite-event-store';
import { reportToParent } from './child-report';

export interface VerifyReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly seconds: number;
  readonly failure?: string;
}

const main = async (): Promise<VerifyReport> => {
  const store = new SqliteEventStore({ filename: process.env.VERIFY_FILE ?? '' });
  try {
    const started = process.hrtime.bigint();
    const result = await verifyAll(store);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      ok: result.ok,
      eventsChecked: result.eventsChecked,
      seconds,
      failure: result.ok ? undefined : result.failure.message,
    };
  } finally {
    await store.close();
  }
};

reportToParent(main);
