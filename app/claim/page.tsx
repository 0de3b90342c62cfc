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
      <p className="text-sm text-slate-700">
        Many devices at once? <Link className="text-brand-700 underline" href="/claim/fleet">Claim a fleet</Link>.
      </p>
      <ClaimFlow deepLink={deepLink} />
    </div>
  );
}
