import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/Card";

export const metadata: Metadata = { title: "Offline" };

// Served by the service worker in place of any page when the phone has no connection.
export default function OfflinePage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">You are offline</h1>
      <p className="text-slate-600">
        Claiming a device, checking it and listing your devices all read the IoTeX chain, so they wait for a connection.
      </p>
      <section aria-labelledby="offline-works" className="space-y-2">
        <h2 id="offline-works" className="font-semibold">
          What works without a connection
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-slate-600">
          <li>This page, and the app opening from your home screen.</li>
          <li>A claim you already signed stays saved on this phone: open Claim once you are back online to see it through.</li>
        </ul>
      </section>
      <Link href="/claim" className={buttonClass.primary}>
        Try again
      </Link>
    </div>
  );
}
