// anvil's default dev accounts (mnemonic "test test test test test test test test test test test junk"):
// public knowledge, funded with 10 000 ETH each on every fresh anvil. Never use them anywhere else.
import type { Hex } from "viem";

export const anvilPrivateKeys = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
] as const satisfies readonly Hex[];

/**
 * The devnet VerifyingProxy's verifier key (what a project's cloud holds): keccak256("ioid-devnet-verifier").
 * Only the devnet's verifier service (scripts/verifier/) signs with it.
 */
export const devnetVerifierPrivateKey: Hex = "0x428e07dfee29d02463a1566b232215de4f6e0c9112b960a59b699c953ed56072";
