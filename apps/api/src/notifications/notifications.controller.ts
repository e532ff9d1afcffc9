import { Body, Controller, Get, HttpCode, Inject, Param, PipeTransform, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import {
  CLOCK,
  Clock,
  mayPerform,
  NotificationItem,
  NotificationOutbox,
  NotificationQueries,
  Page,
  ParkedDelivery,
} from '@xj/application';
import { Actor } from '@xj/domain';
import { CurrentActor } from '../auth/auth.guard';
import { OptionalField } from '../http/dto-decorators';
import { ApiProblem, notFoundProblem } from '../http/problem';

const NOTIFICATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A notification id of the path; anything else is a notification that does not exist. */
class NotificationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!NOTIFICATION_ID.test(value)) throw notFoundProblem('notification');
    return value;
  }
}

export class NotificationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  skip?: number;
  @ApiPropertyOptional({ description: 'Only the notifications the caller has not read.' })
  @OptionalField()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class MarkReadDto {
  @ApiProperty({ type: [String], description: 'Notification ids (1–100).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(NOTIFICATION_ID, { each: true })
  ids!: string[];
}

const str = { type: 'string' } as const;

const NOTIFICATION_PAGE_SCHEMA = {
  type: 'object',
  required: ['items', 'total', 'limit', 'skip', 'unread'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['notificationId', 'kind', 'caseKind', 'caseId', 'at', 'read'],
        properties: {
          notificationId: str,
          kind: { type: 'string', description: 'The event kind, e.g. ReferralSent, DeadlineMissed.' },
          deadlineRule: { type: 'string', description: 'The deadline rule, for deadline events.' },
          caseKind: { type: 'string', enum: ['clue', 'referral', 'rectification', 'campaign'] },
          caseId: str,
          at: { type: 'string', format: 'date-time' },
          read: { type: 'boolean' },
        },
      },
    },
    total: { type: 'integer' },
    limit: { type: 'integer' },
    skip: { type: 'integer' },
    stale: { type: 'boolean' },
    unread: { type: 'integer' },
  },
};

const PARKED_SCHEMA = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['deliveryId', 'channel', 'kind', 'caseKind', 'caseId', 'attempts'],
        properties: {
          deliveryId: str,
          channel: str,
          kind: str,
          caseKind: str,
          caseId: str,
          attempts: { type: 'integer' },
          lastError: str,
          parkedAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};

/**
 * 通知 — the caller's notifications (issue 15 §3): addressed to its organisation, role and position,
 * about cases it may see; marking read is per user. The outbox's parked deliveries for administrators.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationQueries,
    private readonly outbox: NotificationOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The caller's notifications, newest first",
    description:
      'Each names what happened (the event kind, the deadline rule), the case (kind and number) and when; never the case content. `unread` counts the unread ones.',
  })
  @ApiOkResponse({ description: 'A page of notifications and the unread count.', schema: NOTIFICATION_PAGE_SCHEMA })
  list(
    @Query() query: NotificationQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Page<NotificationItem> & { readonly unread: number }> {
    return this.notifications.list(actor, query);
  }

  @Get('outbox/parked')
  @ApiOperation({ summary: 'Deliveries the outbox gave up on after its attempts (administrators and auditors)' })
  @ApiOkResponse({ description: 'The parked deliveries.', schema: PARKED_SCHEMA })
  async parked(@CurrentActor() actor: Actor): Promise<{ items: readonly ParkedDelivery[] }> {
    // An operational record with no case content (case number and kind only): the administrator
    // runs the senders, the auditor reads every record.
    if (!mayPerform(actor.role, 'operations'))
      throw new ApiProblem(403, 'AUTH.ROLE_NOT_ALLOWED', 'Only administrators and auditors see the parked deliveries.');
    return { items: await this.outbox.parked() };
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark several of the caller’s notifications read; ids it cannot read are left out' })
  async markAll(@Body() body: MarkReadDto, @CurrentActor() actor: Actor): Promise<{ marked: readonly string[] }> {
    return { marked: await this.notifications.markRead(actor, body.ids, this.clock.now().toISOString()) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of the caller’s notifications read (again: harmless)' })
  async markOne(
    @Param('id', NotificationIdPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ marked: readonly string[] }> {
    const marked = await this.notifications.markRead(actor, [id], this.clock.now().toISOString());
    if (marked.length === 0) throw notFoundProblem('notification');
    return { marked };
  }
}
