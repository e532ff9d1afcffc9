/**
 * `npm run demo` — loads the Panjin demo dataset (scripts/demo/panjin-dataset.ts, shaped like
 * DOMAIN.md §8) into a running server, through its HTTP API only.
 *
 *   DEMO_BASE_URL  the server (default http://localhost:3000)
 *   DATA_DIR       the server's data directory (default ./data): the demo reads the accounts the
 *                  server wrote to demo-credentials.json on its first start in demo mode (DEMO=1)
 *
 * Every POST carries an Idempotency-Key derived from the dataset's stable names, so running it
 * again writes nothing (the summary says how many requests were written versus replayed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiClient, ClientStats, DemoCredential, DemoError } from './demo/api-client';
import {
  AccountabilityDemoFigures,
  BIJIE_ACCOUNTABILITY,
  DemoAccountabilityCase,
  loadAccountabilityCase,
  readAccountabilityFigures,
} from './demo/bijie-accountability';
import { CampaignFigures, loadCampaign } from './demo/campaign-flow';
import { loadClue } from './demo/clue-flow';
import type { DemoClue } from './demo/dataset-types';
import { DemoFigures, formatFigures, readFigures } from './demo/figures';
import { PANJIN_DATASET } from './demo/panjin-dataset';

export interface DemoOptions {
  readonly baseUrl: string;
  readonly credentials: readonly DemoCredential[];
  readonly dataset?: readonly DemoClue[];
  /** The Bijie-shaped accountability cases (scripts/demo/bijie-accountability.ts); none: `[]`. */
  readonly accountability?: readonly DemoAccountabilityCase[];
  readonly log?: (line: string) => void;
}

export interface DemoResult {
  /** Clue id per dataset name. */
  readonly clueIds: Readonly<Record<string, string>>;
  /** Referral ids (forwarded children included) per dataset name of their clue. */
  readonly referralIds: Readonly<Record<string, readonly string[]>>;
  readonly figures: DemoFigures;
  /** Accountability case ids per dataset name, and their figures as read back. */
  readonly accountabilityIds: Readonly<Record<string, string>>;
  readonly accountability: AccountabilityDemoFigures;
  /** The 蓬江-shaped 法治督察 campaign (issue 17): its id, its findings' clues and its figures as read back. */
  readonly campaign: {
    readonly campaignId: string;
    readonly clueIds: readonly string[];
    readonly figures: CampaignFigures;
  };
  readonly stats: Readonly<ClientStats>;
}

/** Read-back account: the city office head sees every clue, referral and item of the city. */
const READER = 'office-head';

/** Loads the dataset through the API and reads the figures back. Throws DemoError on any failure. */
export const runDemo = async (options: DemoOptions): Promise<DemoResult> => {
  const log = options.log ?? (() => undefined);
  const api = new ApiClient(options.baseUrl, options.credentials, log);
  await api.checkReachable();
  const clueIds: Record<string, string> = {};
  const referralIds: Record<string, readonly string[]> = {};
  for (const clue of options.dataset ?? PANJIN_DATASET) {
    const loaded = await loadClue(api, clue);
    clueIds[clue.name] = loaded.clueId;
    referralIds[clue.name] = loaded.referralIds;
    log(
      `  ${clue.name.padEnd(38)} ${clue.stage.padEnd(13)} clue ${loaded.clueId}${loaded.referralIds.length ? `, referrals ${loaded.referralIds.join(', ')}` : ''}`,
    );
  }
  const accountabilityIds: Record<string, string> = {};
  for (const c of options.accountability ?? BIJIE_ACCOUNTABILITY)
    accountabilityIds[c.name] = await loadAccountabilityCase(api, c);
  log(`  ${Object.keys(accountabilityIds).length} accountability cases outside the commission (Bijie-shaped, 1 : 10)`);
  const figures = await readFigures(api, READER, Object.values(clueIds));
  const accountability = await readAccountabilityFigures(api, READER, Object.values(accountabilityIds));
  // After the Panjin figures: the campaign's clues are not the Panjin dataset's and change none of them.
  const campaign = await loadCampaign(api);
  log(
    `  法治督察 campaign (蓬江-shaped)${' '.repeat(15)} campaign ${campaign.campaignId}, ${campaign.clueIds.length} clues`,
  );
  return { clueIds, referralIds, figures, accountabilityIds, accountability, campaign, stats: { ...api.stats } };
};

const readCredentials = (file: string): DemoCredential[] => {
  if (!existsSync(file)) {
    throw new DemoError(
      `No credentials file at ${file}. Start the server once in demo mode with the same DATA_DIR (\`npm run start:demo\`, i.e. DEMO=1): its first start writes demo-credentials.json.`,
    );
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (
      !Array.isArray(parsed) ||
      parsed.some((c) => typeof c?.username !== 'string' || typeof c?.password !== 'string')
    )
      throw new Error('not a list of accounts');
    return parsed as DemoCredential[];
  } catch (error) {
    throw new DemoError(
      `The credentials file ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
};

const main = async (): Promise<void> => {
  const baseUrl = process.env.DEMO_BASE_URL || 'http://localhost:3000';
  const credentialsFile = join(resolve(process.env.DATA_DIR || './data'), 'demo-credentials.json');
  const credentials = readCredentials(credentialsFile);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(`Loading the Panjin demo dataset into ${baseUrl} …`);
  const result = await runDemo({ baseUrl, credentials, log: print });
  const { posts, writes, replays, gets } = result.stats;
  print('');
  print(
    `Requests: ${posts} POSTs (${writes} executed, ${replays} replayed by Idempotency-Key: nothing written), ${gets} GETs (each recorded in the access log)`,
  );
  for (const line of formatFigures(result.figures)) print(line);
  const { EnforcementFault: ef, WrongfulCase: wc } = result.accountability;
  print(
    `Accountability outside the commission (Bijie-shaped, 1 : 10): 行政执法过错责任追究 ${ef.cases} cases, ${ef.persons} persons; ` +
      `行政错案问责 ${wc.cases} matters, ${wc.persons} persons, ${wc.units} units`,
  );
  print(
    `Campaign figures: ${Object.entries(result.campaign.figures)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
};

if (require.main === module) {
  main().catch((error: unknown) => {
    const message =
      error instanceof DemoError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`demo failed: ${message}\n`);
    process.exit(1);
  });
}
