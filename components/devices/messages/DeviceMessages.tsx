"use client";

import { Alert, buttonClass } from "@/components/ui/Card";
import { useInbox } from "./useInbox";

/** The device's inbox on its page: what it sent, newest first, for the ioID's owner only (docs/inbox.md). */
export function DeviceMessages({ did, chainId }: { did: string | undefined; chainId: number }) {
  if (!did) return null;
  return (
    <section aria-labelledby="messages-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="device-messages">
      <h2 id="messages-heading" className="mb-3 font-semibold">
        Messages
      </h2>
      <Inbox did={did} chainId={chainId} />
    </section>
  );
}

function Inbox({ did, chainId }: { did: string; chainId: number }) {
  const { address, signedIn, messages, signIn, session } = useInbox(did, chainId);
  if (!address) return <p className="text-sm text-slate-600">Connect the wallet that owns this ioID to read what the device sends.</p>;
  if (!signedIn) {
    return (
      <div className="space-y-2 text-sm">
        <p className="text-slate-600">The device&apos;s messages are for the owner of its ioID. Sign a message with your wallet to prove it is you; it costs nothing.</p>
        <button type="button" className={buttonClass.secondary} data-testid="inbox-sign-in" disabled={signIn.isPending || session.isPending} onClick={() => signIn.mutate()}>
          {signIn.isPending ? "Waiting for your wallet…" : "Sign in to read messages"}
        </button>
        {signIn.error && <Alert tone="error" title="Sign-in failed">{signIn.error.message}</Alert>}
      </div>
    );
  }
  if (messages.error) {
    return (
      <div data-testid="inbox-error">
        <Alert tone="error" title="You cannot read these messages">
          {messages.error.message}
        </Alert>
      </div>
    );
  }
  if (!messages.data) return <p className="text-sm text-slate-600">Loading messages…</p>;
  if (messages.data.messages.length === 0) {
    return <p className="text-sm text-slate-600">No messages yet. A device sends them to this app&apos;s inbox (docs/inbox.md); they appear here within seconds.</p>;
  }
  return (
    <ol className="space-y-2" aria-label="Messages from the device, newest first">
      {messages.data.messages.map((m) => (
        <li key={m.id} className="rounded-md border border-slate-100 p-2 text-sm" data-testid="inbox-message">
          <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <time dateTime={m.receivedAt}>{new Date(m.receivedAt).toLocaleString()}</time>
            <span className="rounded bg-brand-50 px-1.5 text-brand-700" title="Sent with the token only this device could decrypt">
              From this device
            </span>
            {m.signedByDevice && (
              <span className="rounded bg-sky-50 px-1.5 text-sky-800" title="Carries a signature by the device's own key">
                Signed by the device
              </span>
            )}
          </div>
          <pre className="overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs">{pretty(m.body)}</pre>
        </li>
      ))}
    </ol>
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
