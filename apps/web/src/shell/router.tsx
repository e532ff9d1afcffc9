import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A small History-API router: the app has a handful of pages, and the server answers every deep link with index.html. */
const listeners = new Set<() => void>();

export const navigate = (to: string): void => {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
};

window.addEventListener('popstate', () => {
  for (const listener of listeners) listener();
});

export const useLocation = (): { path: string; search: URLSearchParams } => {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = (): void => setTick((n) => n + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return { path: window.location.pathname, search: new URLSearchParams(window.location.search) };
};

export const Link = ({ to, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) => (
  <a
    {...rest}
    href={to}
    onClick={(e: MouseEvent<HTMLAnchorElement>) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      e.preventDefault();
      navigate(to);
    }}
  />
);

export const casePath = (kind: string, id: string): string => `/cases/${kind}/${encodeURIComponent(id)}`;
