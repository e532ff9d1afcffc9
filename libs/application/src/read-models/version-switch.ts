/** A version built beside the active one, waiting for the runner's switch-over. */
export interface Switch {
  readonly previous: number;
  readonly done: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

export const newSwitch = (previous: number): Switch => {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const done = new Promise<void>((ok, fail) => ((resolve = ok), (reject = fail)));
  done.catch(() => undefined);
  return { previous, done, resolve, reject };
};
