"use client";

import { useMemo } from "react";
import { useAccount, useCapabilities, useChainId, useConfig } from "wagmi";
import { FleetClaim } from "@/components/fleet/FleetClaim";
import { wagmiWallet } from "@/components/wallet/wagmiWallet";
import { bundlingOf } from "@/lib/claim/bundling";

/** The route joins two features: the fleet claim, and the wallet port wagmi backs (the fleet imports no other feature). */
export function FleetRoute() {
  const config = useConfig();
  const chainId = useChainId();
  const { address } = useAccount();
  const wallet = useMemo(() => wagmiWallet(config, chainId), [config, chainId]);
  const capabilities = useCapabilities({ chainId, query: { enabled: Boolean(address), retry: false } });
  return <FleetClaim wallet={address ? wallet : undefined} bundling={bundlingOf(capabilities.data)} />;
}
