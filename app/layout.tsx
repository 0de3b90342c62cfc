import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { cookieToInitialState } from "wagmi";
import { SiteHeader } from "@/components/ui/SiteHeader";
import { Providers } from "@/components/wallet/Providers";
import { createWagmiConfig } from "@/components/wallet/wagmiConfig";
import { EMBED_ROUTE_HEADER } from "@/lib/embed/origins";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ioID Device Wallet", template: "%s · ioID Device Wallet" },
  description: "Claim your DePIN devices on IoTeX ioID: scan, verify, bind — in the browser.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const requestHeaders = await headers();
  // The embed route (marked by proxy.ts) renders its own providers, themed by its host, and no site chrome.
  if (requestHeaders.get(EMBED_ROUTE_HEADER)) {
    return (
      <html lang="en">
        <body>{children}</body>
      </html>
    );
  }
  const initialState = cookieToInitialState(createWagmiConfig(), requestHeaders.get("cookie"));
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <Providers initialState={initialState}>
          <SiteHeader />
          <main className="mx-auto w-full max-w-3xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
