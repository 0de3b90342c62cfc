// Shared set-up for the contract tests: each test file gets its own anvil and a fresh deployment of the suite;
// every test runs inside an evm_snapshot / evm_revert pair, so tests never see each other's state.
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  getContract,
  hashTypedData,
  http,
  keccak256,
  parseSignature,
  RpcRequestError,
  toHex,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type PrivateKeyAccount,
  type PublicClient,
  type TestClient,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import {
  deviceNFTAbi,
  erc6551AccountAbi,
  erc6551RegistryAbi,
  ioIDAbi,
  ioIDRegistryAbi,
  ioIDStoreAbi,
  multicall3Abi,
  projectAbi,
  projectRegistryAbi,
} from "../../lib/chain/abi";
import type { Deployment } from "../../lib/chain/deployment";
import { anvilPrivateKeys } from "../../scripts/devnet/accounts";
import { startAnvil, type AnvilInstance } from "../../scripts/devnet/anvil";
import { deployIoIDSuite } from "../../scripts/devnet/deploy";

export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
export const SENTINEL: Address = "0x0000000000000000000000000000000000000001";
export const ZERO_ADDRESS: Address = "0x0000000000000000000000000000000000000000";
export const ZERO_HASH: Hash = "0x0000000000000000000000000000000000000000000000000000000000000000";
export const PRICE = 10n ** 18n;

export type Wallet = WalletClient<Transport, Chain, Account>;

function readers(client: PublicClient<Transport, Chain>, d: Deployment) {
  const at = <const A extends readonly unknown[]>(address: Address, abi: A) => getContract({ address, abi, client });
  return {
    registry: at(d.ioIDRegistry, ioIDRegistryAbi),
    ioID: at(d.ioID, ioIDAbi),
    store: at(d.ioIDStore, ioIDStoreAbi),
    project: at(d.project, projectAbi),
    projectRegistry: at(d.projectRegistry, projectRegistryAbi),
    deviceNFT: at(d.deviceNFT, deviceNFTAbi),
    otherDeviceNFT: at(d.demo.otherDeviceNFT, deviceNFTAbi),
    erc6551Registry: at(d.erc6551Registry, erc6551RegistryAbi),
    multicall3: at(d.multicall3, multicall3Abi),
    /** An ERC-6551 device wallet. */
    account: (address: Address) => at(address, erc6551AccountAbi),
  };
}

export interface Devnet {
  rpcUrl: string;
  chainId: number;
  deployment: Deployment;
  publicClient: PublicClient<Transport, Chain>;
  testClient: TestClient<"anvil", Transport, Chain>;
  /** Local accounts for anvil dev accounts 0-4. Accounts 0 and 1 hold Demo DePIN device NFTs 1-4 and 5-8. */
  accounts: PrivateKeyAccount[];
  wallets: Wallet[];
  /** Typed read access to the deployed contracts. */
  read: ReturnType<typeof readers>;
}

/** Starts anvil + deploys in beforeAll, snapshots/reverts around every test. Read the context inside tests only. */
export function useDevnet(): Devnet {
  const ctx = {} as Devnet;
  let anvil: AnvilInstance | undefined;
  let snapshot: Hex | undefined;

  beforeAll(async () => {
    anvil = await startAnvil({});
    const deployment = await deployIoIDSuite({ rpcUrl: anvil.rpcUrl });
    const chain = defineChain({
      id: deployment.chainId,
      name: "test devnet",
      nativeCurrency: { name: "IoTeX", symbol: "IOTX", decimals: 18 },
      rpcUrls: { default: { http: [anvil.rpcUrl] } },
    });
    const transport = http(anvil.rpcUrl, { retryCount: 0 });
    const accounts = anvilPrivateKeys.map((key) => privateKeyToAccount(key));
    const publicClient = createPublicClient({ chain, transport, pollingInterval: 20 });
    Object.assign(ctx, {
      rpcUrl: anvil.rpcUrl,
      chainId: deployment.chainId,
      deployment,
      publicClient,
      read: readers(publicClient, deployment),
      testClient: createTestClient({ chain, transport, mode: "anvil" }),
      accounts,
      wallets: accounts.map((account) => createWalletClient({ chain, transport, account })),
    } satisfies Devnet);
  });

  afterAll(async () => {
    await anvil?.stop();
  });

  beforeEach(async () => {
    snapshot = await ctx.testClient.snapshot();
  });

  afterEach(async () => {
    if (snapshot) await ctx.testClient.revert({ id: snapshot });
    snapshot = undefined;
  });

  return ctx;
}

/** A deterministic device key. */
export function deviceAccount(label: string | number): PrivateKeyAccount {
  return privateKeyToAccount(keccak256(toHex(`ioid-test-device-${label}`)));
}

export function documentHashFor(label: string | number): Hash {
  return keccak256(toHex(`did-document-${label}`));
}

export interface PermitSignature {
  v: number;
  r: Hex;
  s: Hex;
}

export interface PermitParams {
  device: PrivateKeyAccount;
  owner: Address;
  nonce: bigint;
  chainId: number;
  registry: Address;
}

export function permitDigest({ owner, nonce, chainId, registry }: Omit<PermitParams, "device">): Hash {
  return hashTypedData({
    domain: { name: "ioIDRegistry", version: "1", chainId, verifyingContract: registry },
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "nonce", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner, nonce },
  });
}

/** The device signs the raw EIP-712 digest, as an ioConnect device does for POST /sign. */
export async function signPermit(params: PermitParams): Promise<PermitSignature> {
  const signature = await params.device.sign({ hash: permitDigest(params) });
  const { r, s, v } = parseSignature(signature);
  if (v === undefined) throw new Error("signature without v");
  return { r, s, v: Number(v) };
}

/** The same signature with s' = n - s (high-s) and the other v. */
export function toHighS(sig: PermitSignature): PermitSignature {
  const s = SECP256K1_N - BigInt(sig.s);
  return { r: sig.r, s: toHex(s, { size: 32 }), v: sig.v === 27 ? 28 : 27 };
}

export function isHighS(sig: PermitSignature): boolean {
  return BigInt(sig.s) > SECP256K1_N / 2n;
}

/** Signs the device's current-nonce Permit for `owner` on the deployed registry. */
export async function signCurrentPermit(ctx: Devnet, device: PrivateKeyAccount, owner: Address): Promise<PermitSignature> {
  const nonce = await ctx.read.registry.read.nonces([device.address]);
  return signPermit({ device, owner, nonce, chainId: ctx.chainId, registry: ctx.deployment.ioIDRegistry });
}

export async function confirm(ctx: Devnet, hash: Hash) {
  const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

export async function approveRegistry(ctx: Devnet, wallet: Wallet, tokenId: bigint, nft?: Address): Promise<void> {
  await confirm(
    ctx,
    await wallet.writeContract({
      address: nft ?? ctx.deployment.deviceNFT,
      abi: deviceNFTAbi,
      functionName: "approve",
      args: [ctx.deployment.ioIDRegistry, tokenId],
    }),
  );
}

export interface RegisterParams {
  /** Index into ctx.wallets of the owner, who sends the 8-arg register. Default 0. */
  owner?: number;
  tokenId: bigint;
  device: PrivateKeyAccount;
  nft?: Address;
  hash?: Hash;
  uri?: string;
  value?: bigint;
  signature?: PermitSignature;
  /** Skip the approve step. */
  approved?: boolean;
}

/** Approves the registry, has the device sign and sends the owner's 8-arg register; returns the receipt. */
export async function registerDevice(ctx: Devnet, params: RegisterParams) {
  const wallet = ctx.wallets[params.owner ?? 0]!;
  const nft = params.nft ?? ctx.deployment.deviceNFT;
  if (!params.approved) await approveRegistry(ctx, wallet, params.tokenId, nft);
  const sig = params.signature ?? (await signCurrentPermit(ctx, params.device, wallet.account.address));
  const hash = await wallet.writeContract({
    address: ctx.deployment.ioIDRegistry,
    abi: ioIDRegistryAbi,
    functionName: "register",
    args: [
      nft,
      params.tokenId,
      params.device.address,
      params.hash ?? documentHashFor(params.device.address),
      params.uri ?? `ipfs://doc-${params.device.address.toLowerCase()}`,
      sig.v,
      sig.r,
      sig.s,
    ],
    value: params.value ?? 0n,
  });
  return confirm(ctx, hash);
}

/** Asserts that a contract call or transaction reverts with exactly this Error(string) reason. */
export async function expectRevert(action: Promise<unknown>, reason: string): Promise<void> {
  let error: unknown;
  try {
    await action;
  } catch (caught) {
    error = caught;
  }
  expect(error, `expected a revert with "${reason}"`).toBeInstanceOf(BaseError);
  const reverted = (error as BaseError).walk((e) => e instanceof ContractFunctionRevertedError);
  expect(reverted, `expected a decoded revert, got: ${(error as BaseError).shortMessage}`).toBeInstanceOf(
    ContractFunctionRevertedError,
  );
  expect((reverted as ContractFunctionRevertedError).reason).toBe(reason);
}

/** ioID.wallet(uint256): the device wallet and DID of an ioID (the overload getContract cannot type). */
export function walletOf(ctx: Devnet, id: bigint): Promise<readonly [Address, string]> {
  return ctx.publicClient.readContract({ address: ctx.deployment.ioID, abi: ioIDAbi, functionName: "wallet", args: [id] });
}

/** ioID.wallet(string did): the device wallet linked to a DID. */
export function walletOfDid(ctx: Devnet, did: string): Promise<Address> {
  return ctx.publicClient.readContract({ address: ctx.deployment.ioID, abi: ioIDAbi, functionName: "wallet", args: [did] });
}

/** A node that refuses eth_call without a `to`, as some non-geth nodes may: deployless reads fail, plain ones pass. */
export function refusingDeployless<C extends Pick<PublicClient, "readContract">>(client: C): C & { lensAttempts: number } {
  const wrapped = {
    ...client,
    lensAttempts: 0,
    readContract: ((args: { code?: unknown }) => {
      if (args.code) {
        wrapped.lensAttempts++;
        // What a node that refuses says: an RPC error answer, not a network failure.
        return Promise.reject(new RpcRequestError({ body: { method: "eth_call" }, error: { code: -32602, message: "unsupported: missing to" }, url: "refusing-node" }));
      }
      return client.readContract(args as never);
    }) as C["readContract"],
  };
  return wrapped;
}
