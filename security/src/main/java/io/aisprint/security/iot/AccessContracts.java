package io.aisprint.security.iot;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The register, judge and per-resource access-control contracts, as seen from Java. Resources
 * are named by the user; on chain they are {@code keccak256(name)}.
 */
public final class AccessContracts {
    /** The contract's answer to one request, with the transaction that recorded it and the penalty it caused, if any. */
    public record Decision(boolean allowed, int reason, String transaction, long block, Optional<Long> blockedUntil) {
        public String reasonText() {
            return REASONS[Math.min(reason, REASONS.length - 1)];
        }
    }

    /** A subject's policy and standing on one resource. */
    public record Status(String resource, String accessControl, String subject, boolean permitted, long minIntervalSeconds, int threshold,
                         long lastRequest, int frequentRequests, int offences, long blockedUntil) {
    }

    static final String[] REASONS = {"allowed", "no grant for this requester (never granted or revoked)", "blocked by a penalty of the judge",
        "too frequent requests: penalised by the judge", "unknown"};
    static final Event ACCESS_DECISION = new Event("AccessDecision", List.of(new TypeReference<Address>(true) { }, new TypeReference<Bytes32>(true) { },
        new TypeReference<Bool>() { }, new TypeReference<Uint8>() { }, new TypeReference<Uint64>() { }));
    static final Event PENALISED = new Event("Penalised", List.of(new TypeReference<Address>(true) { }, new TypeReference<Address>(true) { },
        new TypeReference<Utf8String>() { }, new TypeReference<Uint32>() { }, new TypeReference<Uint64>() { }));

    private final Chain chain;
    private final Deployment deployment;

    public AccessContracts(Chain chain, Deployment deployment) {
        this.chain = chain;
        this.deployment = deployment;
    }

    public Deployment deployment() {
        return deployment;
    }

    /** Deploys the register and the judge (base penalty in seconds, doubling per repeat offence). */
    public static Deployment deployShared(Chain chain, long basePenaltySeconds) {
        String register = chain.deploy(ContractArtifact.load("Register"), List.of());
        String judge = chain.deploy(ContractArtifact.load("Judge"), List.of(new Address(register), new Uint64(basePenaltySeconds)));
        return new Deployment(chain.url(), register, judge);
    }

    public static byte[] resourceId(String resource) {
        if (resource == null || !resource.matches("[A-Za-z0-9_.\\-/]{1,128}")) {
            throw new IotException(IotException.Code.INVALID_INPUT, "resource '" + resource + "' must be 1-128 of A-Z a-z 0-9 _ . - /");
        }
        return Hash.sha3(resource.getBytes(StandardCharsets.UTF_8));
    }

    /** The resource's access-control contract and owner, if registered. */
    public Optional<String[]> lookup(String resource) {
        List<Type> result = chain.call(deployment.register(), new Function("lookup", List.of(new Bytes32(resourceId(resource))),
            List.of(new TypeReference<Address>() { }, new TypeReference<Address>() { })));
        String contract = result.get(0).toString();
        return new BigInteger(contract.substring(2), 16).signum() == 0 ? Optional.empty() : Optional.of(new String[] {contract, result.get(1).toString()});
    }

    /** Deploys the resource's access-control contract (this chain's account becomes its owner) and registers it. */
    public String createResource(String resource, String gateway) {
        String contract = chain.deploy(ContractArtifact.load("AccessControl"),
            List.of(new Bytes32(resourceId(resource)), new Address(deployment.judge()), new Address(Accounts.address(gateway, "gateway"))));
        chain.send(deployment.register(), new Function("register", List.of(new Bytes32(resourceId(resource)), new Address(contract)), List.of()));
        return contract;
    }

    public void grant(String resource, String subject, long minIntervalSeconds, int threshold) {
        chain.send(accessControl(resource), new Function("grant", List.of(new Address(Accounts.address(subject, "subject")),
            new Uint64(minIntervalSeconds), new Uint32(threshold)), List.of()));
    }

    public void revoke(String resource, String subject) {
        chain.send(accessControl(resource), new Function("revoke", List.of(new Address(Accounts.address(subject, "subject"))), List.of()));
    }

    /** Asks the contract whether {@code subject} may read the resource now; the answer is a transaction and an event. */
    public Decision checkAccess(String resource, String subject) {
        TransactionReceipt receipt = chain.send(accessControl(resource), new Function("checkAccess", List.of(new Address(subject)), List.of()));
        Decision decision = null;
        Optional<Long> penalty = Optional.empty();
        for (Log log : receipt.getLogs()) {
            String topic = log.getTopics().isEmpty() ? "" : log.getTopics().get(0);
            if (topic.equals(EventEncoder.encode(ACCESS_DECISION))) {
                List<Type> values = FunctionReturnDecoder.decode(log.getData(), ACCESS_DECISION.getNonIndexedParameters());
                decision = new Decision((Boolean) values.get(0).getValue(), ((BigInteger) values.get(1).getValue()).intValue(), receipt.getTransactionHash(),
                    receipt.getBlockNumber().longValue(), Optional.empty());
            } else if (topic.equals(EventEncoder.encode(PENALISED))) {
                List<Type> values = FunctionReturnDecoder.decode(log.getData(), PENALISED.getNonIndexedParameters());
                penalty = Optional.of(((BigInteger) values.get(2).getValue()).longValue());
            }
        }
        if (decision == null) {
            throw new IotException(IotException.Code.CHAIN_UNAVAILABLE, "checkAccess emitted no AccessDecision event (transaction " + receipt.getTransactionHash() + ")");
        }
        return new Decision(decision.allowed(), decision.reason(), decision.transaction(), decision.block(), penalty);
    }

    public Status status(String resource, String subject) {
        String contract = accessControl(resource);
        Address who = new Address(Accounts.address(subject, "subject"));
        List<Type> policy = chain.call(contract, new Function("policyOf", List.of(who), List.of(new TypeReference<Bool>() { },
            new TypeReference<Uint64>() { }, new TypeReference<Uint32>() { }, new TypeReference<Uint64>() { }, new TypeReference<Uint32>() { })));
        long offences = number(chain.call(deployment.judge(), new Function("offences", List.of(who), List.of(new TypeReference<Uint32>() { }))).get(0));
        long blockedUntil = number(chain.call(deployment.judge(), new Function("blockedUntil", List.of(who), List.of(new TypeReference<Uint64>() { }))).get(0));
        return new Status(resource, contract, who.toString(), (Boolean) policy.get(0).getValue(), number(policy.get(1)), (int) number(policy.get(2)),
            number(policy.get(3)), (int) number(policy.get(4)), (int) offences, blockedUntil);
    }

    public String accessControl(String resource) {
        return lookup(resource).orElseThrow(() -> new IotException(IotException.Code.INVALID_INPUT,
            "resource '" + resource + "' is not registered\nMaybe create it with 'aisprint iot grant --resource " + resource + " --gateway ADDRESS ...'"))[0];
    }

    private static long number(Type<?> value) {
        return ((BigInteger) value.getValue()).longValue();
    }
}
