"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { isAddressEqual } from "viem";
import { createSiweMessage } from "viem/siwe";
import { useAccount, useSignMessage } from "wagmi";
import { fetchMessages, fetchSession, postSignIn } from "./inboxApi";

const SIGN_IN_VALIDITY_MS = 10 * 60_000;

/** The owner's session (SIWE) and the device's messages, refreshed every few seconds while signed in. */
export function useInbox(did: string, chainId: number) {
  const { address } = useAccount();
  const queryClient = useQueryClient();
  const { signMessageAsync } = useSignMessage();
  const session = useQuery({ queryKey: ["inbox-session"], queryFn: fetchSession, staleTime: 0 });
  const signedInAs = session.data?.address ?? null;
  const signedIn = !!address && !!signedInAs && isAddressEqual(address, signedInAs);

  const messages = useQuery({
    queryKey: ["inbox-messages", did, chainId, signedInAs],
    queryFn: () => fetchMessages(did, chainId),
    enabled: signedIn,
    refetchInterval: 3000,
    retry: false,
  });

  const signIn = useMutation({
    mutationFn: async () => {
      if (!address) throw new Error("Connect your wallet first.");
      const { nonce } = await fetchSession();
      const now = new Date();
      const message = createSiweMessage({
        address,
        chainId,
        domain: window.location.host,
        uri: window.location.origin,
        version: "1",
        nonce,
        issuedAt: now,
        expirationTime: new Date(now.getTime() + SIGN_IN_VALIDITY_MS),
        statement: "Read the messages my ioID devices send to this app.",
      });
      const signature = await signMessageAsync({ message });
      await postSignIn(message, signature);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["inbox-session"] }),
  });

  return { address, session, signedIn, messages, signIn };
}
