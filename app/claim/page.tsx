import type { Metadata } from "next";
import Link from "next/link";
import { ClaimFlow } from "@/components/claim/ClaimFlow";

export const metadata: Metadata = { title: "Claim a device" };

export default async function ClaimPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { d } = await searchParams;
  // `d` goes to the same parser as every other source: it validates size, encoding and fields.
  const deepLink = typeof d === "string" && d.length > 0 ? d : undefined;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Claim a device</h1>
      {/* Server-rendered, so the owner reads what happens next before the scanner and the wallet have loaded. */}
      <p className="text-slate-700">
        Scan the QR code on your device or its box. Every claim is checked here first; your wallet is asked to sign only
        once the checks pass.
      </p>
      <p className="text-sm text-slate-700">
        Many devices at once? <Link className="text-brand-700 underline" href="/claim/fleet">Claim a fleet</Link>.
      </p>
      <ClaimFlow deepLink={deepLink} />
    </div>
  );
}
