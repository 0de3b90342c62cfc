import type { Address, Hex } from "viem";
import { claimLensAbi, claimLensBytecode, ioIDRegistryAbi, ioIDStoreAbi, projectAbi, verifyingProxyAbi } from "../../chain/abi";
import { lensOrPlain } from "../../chain/deployless";
import type { PreflightClient } from "../preflight";

/** What the chain says about a claim through a project's VerifyingProxy: one eth_call (ClaimLens.inspectProxy). */
export interface ProxyPreflight {
  chainId: number;
  blockNumber: bigint;
  registry: Address;
  proxy: Address;
  domainSeparator: Hex;
  nonce: bigint;
  deviceExists: boolean;
  /** False when the address does not answer projectId(), deviceNFT() and verifier(): not a VerifyingProxy. */
  proxyAnswers: boolean;
  proxyProjectId: bigint;
  deviceNFT: Address | undefined;
  verifier: Address | undefined;
  /** The project the store binds the proxy's device NFT to: the proxy's own for a registered project, else 0. */
  boundProjectId: bigint;
  projectName: string;
  price: bigint;
  applied: bigint;
  actived: bigint;
  ownerBalance: bigint;
}

export interface ProxyPreflightRequest {
  registry: Address;
  device: Address;
  owner: Address;
  proxy: Address;
}

const zeroAddress = "0x0000000000000000000000000000000000000000";
const orUndefined = (a: Address) => (a === zeroAddress ? undefined : a);

export function readProxyPreflight(client: PreflightClient, request: ProxyPreflightRequest): Promise<ProxyPreflight> {
  return lensOrPlain(
    client,
    async () => {
      const { registry, device, owner, proxy } = request;
      const s = await client.readContract({ abi: claimLensAbi, code: claimLensBytecode, functionName: "inspectProxy", args: [registry, device, owner, proxy] });
      return {
        ...request,
        chainId: Number(s.chainId),
        blockNumber: s.blockNumber,
        domainSeparator: s.domainSeparator,
        nonce: s.nonce,
        deviceExists: s.deviceExists,
        proxyAnswers: s.proxyAnswers,
        proxyProjectId: s.proxyProjectId,
        deviceNFT: orUndefined(s.deviceNFT),
        verifier: orUndefined(s.verifier),
        boundProjectId: s.boundProjectId,
        projectName: s.projectName,
        price: s.price,
        applied: s.applied,
        actived: s.actived,
        ownerBalance: s.ownerBalance,
      };
    },
    () => readProxyPreflightStepwise(client, request),
  );
}

/** The same facts from plain reads, for nodes that refuse deployless calls: three dependent stages. */
async function readProxyPreflightStepwise(client: PreflightClient, request: ProxyPreflightRequest): Promise<ProxyPreflight> {
  const { registry, device, owner, proxy } = request;
  const reg = <F extends "ioIDStore" | "DOMAIN_SEPARATOR" | "nonces" | "exists">(functionName: F, args: readonly unknown[] = []) =>
    client.readContract({ address: registry, abi: ioIDRegistryAbi, functionName, args } as never) as Promise<never>;
  const ofProxy = <F extends "projectId" | "deviceNFT" | "verifier">(functionName: F) =>
    client.readContract({ address: proxy, abi: verifyingProxyAbi, functionName }).catch(() => undefined);
  const [store, domainSeparator, nonce, deviceExists, chainId, blockNumber, ownerBalance, proxyProjectId, deviceNFT, verifier] = await Promise.all([
    reg("ioIDStore") as Promise<Address>,
    reg("DOMAIN_SEPARATOR") as Promise<Hex>,
    reg("nonces", [device]) as Promise<bigint>,
    reg("exists", [device]) as Promise<boolean>,
    client.getChainId(),
    client.getBlockNumber(),
    client.getBalance({ address: owner }),
    ofProxy("projectId") as Promise<bigint | undefined>,
    ofProxy("deviceNFT") as Promise<Address | undefined>,
    ofProxy("verifier") as Promise<Address | undefined>,
  ]);
  const proxyAnswers = proxyProjectId !== undefined && deviceNFT !== undefined && verifier !== undefined;
  const ofStore = <F extends "price" | "deviceContractProject" | "project" | "projectAppliedAmount" | "projectActivedAmount">(functionName: F, args: readonly unknown[] = []) =>
    client.readContract({ address: store, abi: ioIDStoreAbi, functionName, args } as never) as Promise<never>;
  const [price, boundProjectId, project] = await Promise.all([
    ofStore("price") as Promise<bigint>,
    proxyAnswers ? (ofStore("deviceContractProject", [deviceNFT]) as Promise<bigint>) : Promise.resolve(0n),
    ofStore("project") as Promise<Address>,
  ]);
  const bound = proxyAnswers && boundProjectId !== 0n && boundProjectId === proxyProjectId;
  const [projectName, applied, actived] = bound
    ? await Promise.all([
        client.readContract({ address: project, abi: projectAbi, functionName: "name", args: [boundProjectId] }),
        ofStore("projectAppliedAmount", [boundProjectId]) as Promise<bigint>,
        ofStore("projectActivedAmount", [boundProjectId]) as Promise<bigint>,
      ])
    : ["", 0n, 0n];
  return {
    ...request,
    chainId,
    blockNumber,
    domainSeparator,
    nonce,
    deviceExists,
    proxyAnswers,
    proxyProjectId: proxyProjectId ?? 0n,
    deviceNFT: proxyAnswers ? deviceNFT : undefined,
    verifier: proxyAnswers ? verifier : undefined,
    boundProjectId,
    projectName,
    price,
    applied,
    actived,
    ownerBalance,
  };
}
