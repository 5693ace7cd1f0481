package io.aisprint.learn.secagg;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The server's side: it routes messages and, from the masked inputs and the revealed shares,
 * computes the sum of the survivors' inputs modulo 2^32 — and nothing else: every masked input
 * it holds is hidden by the pairwise masks of its client, which it can only remove in the sum.
 */
public final class SecureAggregationServer {
    private final int threshold;
    private final Map<String, Protocol.AdvertisedKeys> advertised = new TreeMap<>();
    private final Map<String, List<Protocol.EncryptedShares>> mailboxes = new HashMap<>();
    private final Set<String> shared = new TreeSet<>();
    private final Map<String, int[]> masked = new TreeMap<>();

    public SecureAggregationServer(int threshold) {
        this.threshold = threshold;
    }

    public void receiveKeys(Protocol.AdvertisedKeys keys) {
        advertised.put(keys.client(), keys);
    }

    public List<Protocol.AdvertisedKeys> advertisedKeys() {
        return List.copyOf(advertised.values());
    }

    public void receiveShares(List<Protocol.EncryptedShares> shares) {
        for (Protocol.EncryptedShares share : shares) {
            shared.add(share.from());
            mailboxes.computeIfAbsent(share.to(), to -> new ArrayList<>()).add(share);
        }
    }

    public List<Protocol.EncryptedShares> mailbox(String client) {
        return mailboxes.getOrDefault(client, List.of());
    }

    public void receiveMasked(Protocol.MaskedInput input) {
        masked.put(input.client(), input.masked().clone());
    }

    /** What the server saw of one client's input (for the privacy tests). */
    public int[] maskedInputOf(String client) {
        return masked.get(client).clone();
    }

    public Protocol.UnmaskRequest unmaskRequest() {
        Set<String> dropped = new TreeSet<>(shared);
        dropped.removeAll(masked.keySet());
        return new Protocol.UnmaskRequest(Set.copyOf(masked.keySet()), Set.copyOf(dropped));
    }

    /** The survivors' sum from at least t answers to the unmask request. */
    public int[] sum(List<Protocol.RevealedShares> answers) {
        if (answers.size() < threshold) {
            throw new LearnException(LearnErrorCode.SECURE_AGGREGATION, "only " + answers.size() + " clients answered the unmask step; "
                + threshold + " are needed to rebuild the masks.\nMaybe lower the threshold or wait for more survivors.");
        }
        Protocol.UnmaskRequest request = unmaskRequest();
        int length = masked.values().iterator().next().length;
        int[] total = new int[length];
        masked.values().forEach(vector -> Masks.addInto(total, vector, 1));
        for (String survivor : request.survivors()) {
            byte[] seed = Shamir.combine(collect(answers, survivor, true), 32);
            Masks.addInto(total, Masks.expand(seed, "self", length), -1);
        }
        for (String gone : request.dropped()) {
            byte[] scalar = Shamir.combine(collect(answers, gone, false), 32);
            java.security.PrivateKey key = KeyAgreement25519.fromScalar(scalar);
            for (String survivor : request.survivors()) {
                byte[] seed = KeyAgreement25519.agree(key, SecureAggregationClient.publicKey(advertised.get(survivor).maskPublic()));
                // survivor added +PRG when survivor < gone, −PRG otherwise; take that term back out
                Masks.addInto(total, Masks.expand(seed, "pair", length), survivor.compareTo(gone) < 0 ? -1 : 1);
            }
        }
        return total;
    }

    private List<Shamir.Share> collect(List<Protocol.RevealedShares> answers, String client, boolean selfMask) {
        List<Shamir.Share> shares = new ArrayList<>();
        for (Protocol.RevealedShares answer : answers) {
            Shamir.Share share = (selfMask ? answer.selfMaskShares() : answer.maskKeyShares()).get(client);
            if (share != null) {
                shares.add(share);
            }
        }
        if (shares.size() < threshold) {
            throw new LearnException(LearnErrorCode.SECURE_AGGREGATION, "only " + shares.size() + " shares of " + client + "'s "
                + (selfMask ? "self mask" : "mask key") + "; " + threshold + " are needed");
        }
        return shares;
    }
}
