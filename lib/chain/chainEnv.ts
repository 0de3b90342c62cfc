import { getAddress, isAddress } from "viem";
import { z } from "zod";
import { DEFAULT_CHAIN_IDS, devnet, iotex, iotexTestnet, type KnownChainId } from "./chains";

// The deployment's say in the chain config: NEXT_PUBLIC_CHAINS and NEXT_PUBLIC_CHAIN_<id>. next.config.ts checks
// them when the app is built or started, so a bad value stops the build with its reason instead of breaking
// every visitor's page, and hands config.ts the checked result as JSON (IOID_CHAIN_ENV): the browser never
// carries a schema library for it.

const address = z
  .string()
  .refine((s) => isAddress(s, { strict: false }), "not a 0x address")
  .transform((s) => getAddress(s));

const knownChainIds = [iotex.id, iotexTestnet.id, devnet.id] as const;

const rpcUrlSchema = z.url({ protocol: /^https?$/ });

/** What a project's own deployment may override, per chain, through NEXT_PUBLIC_CHAIN_<id> (JSON). */
const overrideSchema = z
  .object({
    rpcUrl: z.url(),
    explorerUrl: z.url(),
    multicall3: address,
    ioIDRegistry: address,
    ioID: address,
    ioIDStore: address,
    project: address,
    projectRegistry: address,
    deviceNFTs: z.array(z.object({ address, label: z.string().min(1).max(60) }).strict()).max(20),
    // A decimal string from here on: the result travels as JSON.
    logsFromBlock: z.coerce
      .bigint()
      .nonnegative()
      .transform((n) => n.toString()),
  })
  .partial()
  .strict();

export type ChainOverride = z.output<typeof overrideSchema>;

/** The checked environment, as JSON-safe values. */
export interface ChainEnv {
  /** Chains the build offers, the first being the default. */
  chains: KnownChainId[];
  overrides: Partial<Record<KnownChainId, ChainOverride>>;
}

export class ChainConfigError extends Error {
  override name = "ChainConfigError";
}

function parseOverride(variable: string, raw: string): ChainOverride {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ChainConfigError(`${variable} must be a JSON object, e.g. {"ioIDRegistry":"0x…"}`);
  }
  const parsed = overrideSchema.safeParse(json);
  if (!parsed.success) throw new ChainConfigError(`${variable}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const enabledIdsSchema = z
  .string()
  .transform((s) => s.split(",").map((x) => Number(x.trim())))
  .pipe(z.array(z.union([z.literal(iotex.id), z.literal(iotexTestnet.id), z.literal(devnet.id)])).min(1));

function parseEnabledChainIds(raw: string | undefined): KnownChainId[] {
  if (raw === undefined) return [...DEFAULT_CHAIN_IDS];
  const parsed = enabledIdsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ChainConfigError(`NEXT_PUBLIC_CHAINS must list chain ids among 4689, 4690, 31337 (got "${raw}")`);
  }
  return [...new Set(parsed.data)];
}

/** Reads and checks the chain variables; throws ChainConfigError naming the variable and what is wrong. */
export function readChainEnv(env: Record<string, string | undefined>): ChainEnv {
  const overrides: ChainEnv["overrides"] = {};
  for (const id of knownChainIds) {
    const variable = `NEXT_PUBLIC_CHAIN_${id}`;
    const raw = env[variable];
    if (raw) overrides[id] = parseOverride(variable, raw);
  }
  return { chains: parseEnabledChainIds(env.NEXT_PUBLIC_CHAINS), overrides };
}

/**
 * DID_RESOLVER_RPC_<chainId>: the node the server's did:io resolver reads a chain through (a private endpoint
 * whose key must not reach browsers). Server-side, read at runtime by lib/did/server.ts; next.config.ts also
 * reads it when the app is built or started, so a bad value stops it there rather than at the first resolution.
 */
export function readResolverRpcUrls(env: Record<string, string | undefined>): Partial<Record<KnownChainId, string>> {
  const urls: Partial<Record<KnownChainId, string>> = {};
  for (const id of knownChainIds) {
    const variable = `DID_RESOLVER_RPC_${id}`;
    const raw = env[variable];
    if (!raw) continue;
    const parsed = rpcUrlSchema.safeParse(raw);
    if (!parsed.success) throw new ChainConfigError(`${variable} must be an http(s) URL of a JSON-RPC node (got "${raw}")`);
    urls[id] = parsed.data;
  }
  return urls;
}
