import type { Address } from "viem";
import { Alert } from "@/components/ui/Card";

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** Step 2 of a claim that needs no device NFT from the owner: through a project's proxy contract. */
export function ProxyNote({ proxy, projectName }: { proxy: Address; projectName: string | undefined }) {
  return (
    <p data-testid="proxy-note" className="text-sm text-slate-600">
      This device registers through {projectName ? `project “${projectName}”'s` : "its project's"} registration contract {short(proxy)}: the contract mints
      the device NFT itself, so you need no device NFT and give no approval. The device signs for that contract, and the project&apos;s verifier approves
      the registration for your account.
    </p>
  );
}

/** Above the take-over checklist: what is offered and what it means, before the owner reads the rows. */
export function TakeOverNote({ ioID }: { ioID: bigint }) {
  return (
    <div className="mb-3" data-testid="takeover-offer">
      <Alert tone="info" title="Take over this device's ioID">
        <p>
          This device already has an ioID (#{ioID.toString()}), held by someone else. With the device&apos;s own signature for your account you can take it
          over: the ioID <strong>and its device wallet with everything in it</strong> move to you, and the previous holder loses them.
        </p>
      </Alert>
    </div>
  );
}
