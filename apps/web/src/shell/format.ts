/** Every time a user reads is in China time (Asia/Shanghai), whatever the browser's zone. */
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export const dateTime = (iso: string | undefined | null): string => {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
};

/** Business dates (`2026-12-28`) are already China dates: shown as they are. */
export const date = (value: string | undefined | null): string => value ?? '';

/** Today in China, for comparing with business dates. */
export const todayInChina = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A date and time a user picked, read as Beijing wall-clock time whatever the browser's zone (the
 * pickers show and take China time, like every time on the screen).
 */
export const chinaInstant = (wallClock: { format(template: string): string }): string =>
  `${wallClock.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
