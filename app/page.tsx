import Link from "next/link";
import { NetworkStatus } from "@/components/home/NetworkStatus";
import { buttonClass } from "@/components/ui/Card";

export default function HomePage() {
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight">Claim your DePIN device on ioID</h1>
        <p className="text-slate-600">
          Bind a device you own to your wallet: scan its code or connect to it, check everything before you sign, and get its
          ioID — a device identity with its own on-chain wallet.
        </p>
        <Link href="/claim" className={buttonClass.primary}>
          Claim a device
        </Link>
      </section>
      <NetworkStatus />
    </div>
  );
}
