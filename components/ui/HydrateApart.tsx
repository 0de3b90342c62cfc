import { Suspense, type ReactNode } from "react";

/**
 * Server-rendered content that the browser hydrates in its own pass, after the page's shell. React hydrates the
 * root in one uninterrupted task; a Suspense boundary whose HTML came complete from the server is left for later
 * and hydrated at low priority in slices of a few milliseconds, yielding to input and paint between them. On a
 * phone that turns one long task (what Lighthouse's Total Blocking Time counts) into many short ones, and the
 * owner sees the same HTML meanwhile. A click that lands before a part is hydrated is replayed once it is.
 */
export function HydrateApart({ children }: { children: ReactNode }) {
  return <Suspense>{children}</Suspense>;
}
