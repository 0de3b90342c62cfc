import type { Metadata } from "next";
import { headers } from "next/headers";
import { EmbedClaim } from "@/components/embed/EmbedClaim";
import { Alert } from "@/components/ui/Card";
import { walletStateFromCookie } from "@/components/wallet/wagmiConfig";
import { chainConfigs, defaultChainConfig } from "@/lib/chain/config";
import { embedAllowedOrigins } from "@/lib/embed/origins";
import { parseEmbedParams } from "@/lib/embed/params";

export const metadata: Metadata = { title: "Claim a device", robots: { index: false, follow: false } };

/**
 * The claim flow for other sites' pages (docs/embed-api.md): opened by public/embed.js in an iframe or a popup,
 * or reached by redirect. proxy.ts gives this route its frame-ancestors policy and keeps the site chrome off it.
 */
export default async function EmbedClaimPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = parseEmbedParams(await searchParams, {
    chainIds: chainConfigs.map((c) => c.chain.id),
    allowedOrigins: embedAllowedOrigins().origins,
  });
  if (!parsed.ok) {
    return (
      <main className="mx-auto max-w-xl p-4">
        <Alert tone="error" title="This claim page cannot open">
          <p>The site that sent you here asked for something this wallet does not accept:</p>
          <ul className="list-disc pl-5" data-testid="embed-param-errors">
            {parsed.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
          <p>If you run that site, see the embed API documentation (docs/embed-api.md).</p>
        </Alert>
      </main>
    );
  }
  const { projectId, chainId, ...rest } = parsed.params;
  const initialState = walletStateFromCookie((await headers()).get("cookie"));
  return (
    <EmbedClaim config={{ ...rest, projectId: projectId?.toString(), chainId: chainId ?? defaultChainConfig.chain.id }} initialState={initialState} />
  );
}
