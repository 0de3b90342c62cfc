"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { isAddressEqual } from "viem";
import { createSiweMessage } from "viem/siwe";
import { useAccount, useSignMessage } from "wagmi";
import { fetchMessages, fetchSession, postSignIn } from "./inboxApi";

const SIGN_IN_VALIDITY_MS = 10 * 60_000;

/** The owner's session (SIWE) and the device's messages, refreshed every few seconds while signed in. */
export function useInbox(did: string, chainId: number) {
  const t = useTranslations("Inbox");
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
      if (!address) throw new Error(t("connectFirst"));
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
        // The owner reads this in the wallet before signing: in the page's language (the server checks no statement).
        statement: t("statement"),
      });
      const signature = await signMessageAsync({ message });
      await postSignIn(message, signature);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["inbox-session"] }),
  });

  return { address, session, signedIn, messages, signIn };
}
