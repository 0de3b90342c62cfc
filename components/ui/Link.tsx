import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The app's internal link: Next's Link without viewport prefetching. Every page here is rendered per request
 * (language, theme and wallet cookies) and has no loading boundary, so a prefetch brings back little that a
 * click would not fetch anyway; on a phone the prefetches of the header's and the page's links were a good
 * part of the main-thread work right after the page became interactive, and three requests on a slow link.
 */
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
