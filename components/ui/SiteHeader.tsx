"use client";

import { ConnectButton } from "@rainbow-me/rainbowkit";
import Link from "next/link";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex w-full max-w-3xl items-center gap-4 px-4 py-3">
        <Link href="/" className="font-semibold text-brand-700">
          ioID Device Wallet
        </Link>
        <Link href="/claim" className="text-sm text-slate-700 hover:text-brand-700">
          Claim
        </Link>
        <div className="ml-auto">
          <ConnectButton chainStatus="icon" accountStatus={{ smallScreen: "avatar", largeScreen: "full" }} showBalance={false} />
        </div>
      </nav>
    </header>
  );
}
