import { createHash } from 'node:crypto';
import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { Workbook } from 'exceljs';
import {
  AccessLog,
  AccessLogEntry,
  AdministrationLog,
  AdministrationLogEntry,
  BundleHead,
  bundleSigningInput,
  CheckpointKeyError,
  CLOCK,
  Clock,
  cryptoSuiteOf,
  EVENT_STORE,
  EventStore,
  ExportedLog,
  IntegrityService,
  LabelCatalogue,
  LogBundle,
  LogExportFormat,
  toCsv,
  UnsignedLogBundle,
} from '@xj/application';
import { Actor } from '@xj/domain';
import { LABEL_CATALOGUE } from '../catalogue/label-catalogue.provider';
import { HttpAnswer } from '../http/http-answer';
import { ApiProblem } from '../http/problem';
import { XLSX_TYPE } from '../read-models/ledger-exports';

/** Records one export may hold: beyond it the window must be narrowed (a file, not a stream). */
export const MAX_EXPORT_RECORDS = 100_000;
const ACCESS_PAGE = 1000;
const DAY_MS = 86_400_000;
/** The access log's default query window (access-log.types.ts), for an export without `from`. */
const DEFAULT_ACCESS_DAYS = 31;

type Cell = string | number;
interface Table {
  readonly sheet: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

const ADMINISTRATION_HEADER = [
  '记录时间',
  '操作人',
  '操作人角色',
  '操作人单位',
  '事项',
  '日志流',
  '序号',
  '内容',
  '哈希',
];
const ACCESS_HEADER = [
  '时间',
  '查阅人',
  '查阅人角色',
  '查阅人单位',
  '对象类型',
  '对象',
  '操作',
  '结果',
  '说明',
  '关联号',
  '客户端地址',
  '日志段',
];

/**
 * 日志导出 — the audit administrator's exports of the administration log and the access log: CSV
 * (UTF-8 with BOM), XLSX (Chinese headers, one sheet) or a signed JSON bundle (log-bundle.ts).
 * Every export is first recorded in the administration log (who, what, when, the file's SHA-256),
 * then handed out: a file nobody can account for is never produced.
 */
@Injectable()
export class LogExports {
  private readonly administration: AdministrationLog;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: AccessLog,
    private readonly integrity: IntegrityService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LABEL_CATALOGUE) private readonly labels: LabelCatalogue,
  ) {
    this.administration = new AdministrationLog(store);
  }

  async administrationLog(
    actor: Actor,
    format: LogExportFormat,
    window: { readonly from?: string; readonly to?: string },
  ): Promise<HttpAnswer<string | StreamableFile>> {
    const to = window.to ?? this.clock.now().toISOString();
    const from = window.from ?? new Date(0).toISOString();
    const entries = await this.administration.window({ from, to });
    if (entries.length > MAX_EXPORT_RECORDS) throw tooLarge(entries.length);
    if (format === 'bundle') {
      const heads = await this.administration.heads();
      return this.answer(actor, 'administration', format, from, to, entries.length, () =>
        this.bundle(actor, 'administration', from, to, entries as unknown as LogBundle['records'], heads),
      );
    }
    const table: Table = {
      sheet: '管理日志',
      header: ADMINISTRATION_HEADER,
      rows: entries.map((e) => this.administrationRow(e)),
    };
    return this.answer(actor, 'administration', format, from, to, entries.length, () => this.file(table, format));
  }

  async accessLog(
    actor: Actor,
    format: LogExportFormat,
    window: { readonly from?: string; readonly to?: string },
  ): Promise<HttpAnswer<string | StreamableFile>> {
    const to = window.to ?? this.clock.now().toISOString();
    const from = window.from ?? new Date(Date.parse(to) - DEFAULT_ACCESS_DAYS * DAY_MS).toISOString();
    const entries: AccessLogEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.access.everything({ from, to, limit: ACCESS_PAGE, ...(cursor ? { cursor } : {}) });
      entries.push(...page.entries);
      if (entries.length > MAX_EXPORT_RECORDS) throw tooLarge(entries.length);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    if (format === 'bundle') {
      const events = await this.batchEvents(entries);
      const heads = await this.segmentHeads(entries);
      return this.answer(actor, 'access', format, from, to, entries.length, () =>
        this.bundle(actor, 'access', from, to, entries as unknown as LogBundle['records'], heads, events),
      );
    }
    const table: Table = { sheet: '访问日志', header: ACCESS_HEADER, rows: entries.map((e) => this.accessRow(e)) };
    return this.answer(actor, 'access', format, from, to, entries.length, () => this.file(table, format));
  }

  /** Builds the file, records the export (with the file's digest), then answers it. */
  private async answer(
    actor: Actor,
    log: ExportedLog,
    format: LogExportFormat,
    from: string,
    to: string,
    records: number,
    build: () => Promise<Buffer>,
  ): Promise<HttpAnswer<string | StreamableFile>> {
    const bytes = await build();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.administration.recordExport(actor, { log, format, from, to, records, sha256 });
    const extension = format === 'bundle' ? 'json' : format;
    const type =
      format === 'csv' ? 'text/csv; charset=utf-8' : format === 'xlsx' ? XLSX_TYPE : 'application/json; charset=utf-8';
    const day = this.clock.now().toISOString().slice(0, 10);
    return new HttpAnswer(
      200,
      {
        'content-type': type,
        'content-disposition': `attachment; filename="${log}-log-${day}.${extension}"`,
        'cache-control': 'no-store',
        'x-export-sha256': sha256,
      },
      format === 'csv' ? bytes.toString('utf8') : new StreamableFile(bytes),
    );
  }

  private async bundle(
    actor: Actor,
    log: ExportedLog,
    from: string,
    to: string,
    records: LogBundle['records'],
    heads: readonly BundleHead[],
    events?: readonly BundleHead[],
  ): Promise<Buffer> {
    const unsigned: UnsignedLogBundle = {
      format: 'xingji-link/audit-log-bundle',
      version: 1,
      log,
      exportedAt: this.clock.now().toISOString(),
      exportedBy: { userId: actor.userId, role: actor.role, orgId: actor.orgId },
      from,
      to,
      cryptoSuite: cryptoSuiteOf(this.store),
      records,
      heads,
      ...(events ? { events } : {}),
    };
    let signature: LogBundle['signature'];
    try {
      signature = this.integrity.signDocument(bundleSigningInput(unsigned));
    } catch (error) {
      if (error instanceof CheckpointKeyError)
        throw new ApiProblem(503, 'AUDIT.SIGNING_KEY_UNAVAILABLE', 'This instance has no usable signing key.');
      throw error;
    }
    const bundle: LogBundle = { ...unsigned, signature };
    return Buffer.from(JSON.stringify(bundle, null, 2), 'utf8');
  }

  private async file(table: Table, format: 'csv' | 'xlsx' | 'bundle'): Promise<Buffer> {
    // The BOM lets spreadsheet programs read the Chinese text as UTF-8 (as the ledgers' files).
    if (format === 'csv') return Buffer.from(`\uFEFF${toCsv(table.header, table.rows)}`, 'utf8');
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow([...table.header]).font = { bold: true };
    // Values, never formulas: a text starting with = stays text.
    for (const row of table.rows) sheet.addRow([...row]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  private administrationRow(e: AdministrationLogEntry): Cell[] {
    const actor = e.metadata.actor;
    return [
      e.metadata.recordedAt,
      actor.userId,
      this.labels.labelOf('role', actor.role, 'zh'),
      actor.orgId,
      this.labels.labelOf('eventType', e.type, 'zh'),
      e.streamId,
      e.revision,
      JSON.stringify(e.data),
      e.metadata.hash,
    ];
  }

  private accessRow(e: AccessLogEntry): Cell[] {
    return [
      e.at,
      e.reader.userId,
      this.labels.labelOf('role', e.reader.role, 'zh'),
      e.reader.orgId,
      e.target.kind,
      e.target.id,
      e.action,
      e.outcome,
      e.detail ?? '',
      e.request.correlationId ?? '',
      e.request.clientIp ?? '',
      e.streamId,
    ];
  }

  /** The batch events the records are in, each with its hash. */
  private async batchEvents(entries: readonly AccessLogEntry[]): Promise<BundleHead[]> {
    const seen = new Map<string, { streamId: string; revision: string }>();
    for (const e of entries) seen.set(`${e.streamId}@${e.revision}`, { streamId: e.streamId, revision: e.revision });
    const out: BundleHead[] = [];
    for (const { streamId, revision } of seen.values()) {
      const [event] = await this.store.readStream(streamId, { fromRevision: BigInt(revision), maxCount: 1 });
      if (event) out.push({ streamId, revision, hash: event.metadata.hash });
    }
    return out;
  }

  /** The head of every segment the records come from. */
  private async segmentHeads(entries: readonly AccessLogEntry[]): Promise<BundleHead[]> {
    const out: BundleHead[] = [];
    for (const streamId of new Set(entries.map((e) => e.streamId))) {
      const [last] = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      if (last) out.push({ streamId, revision: last.revision.toString(), hash: last.metadata.hash });
    }
    return out;
  }
}

const tooLarge = (count: number): ApiProblem =>
  new ApiProblem(
    422,
    'AUDIT.EXPORT_TOO_LARGE',
    `More than ${MAX_EXPORT_RECORDS} records (${count} so far) in the window: narrow from/to.`,
  );
