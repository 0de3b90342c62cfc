"use client";

import { ConnectButton } from "@/components/wallet/ConnectButton";
import Link from "next/link";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex w-full max-w-3xl items-center gap-3 px-4 py-3 sm:gap-4">
        {/* At 360 px the full name, two links and the wallet button do not fit on one line. */}
        <Link href="/" className="whitespace-nowrap font-semibold text-brand-700" aria-label="ioID Device Wallet, home">
          ioID<span className="hidden sm:inline"> Device Wallet</span>
        </Link>
        <Link href="/claim" className="whitespace-nowrap text-sm text-slate-700 hover:text-brand-700">
          Claim
        </Link>
        <Link href="/devices" className="whitespace-nowrap text-sm text-slate-700 hover:text-brand-700">
          My devices
        </Link>
        <div className="ml-auto">
          <ConnectButton />
        </div>
      </nav>
    </header>
  );
}
