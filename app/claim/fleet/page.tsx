import type { Metadata } from "next";
import { WalletGate } from "@/components/wallet/WalletGate";
import Link from "next/link";
import { FleetClaim } from "@/components/fleet/FleetClaim";

export const metadata: Metadata = { title: "Claim many devices" };

export default function FleetClaimPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Claim many devices</h1>
      <p className="text-sm text-slate-700">
        Paste the claim codes of a batch of devices, or load them from a file: they are checked together and claimed in as few wallet prompts as your
        wallet allows. One device? <Link className="text-brand-700 underline" href="/claim">Claim it on its own</Link>.
      </p>
      <WalletGate>
        <FleetClaim />
      </WalletGate>
    </div>
  );
}
